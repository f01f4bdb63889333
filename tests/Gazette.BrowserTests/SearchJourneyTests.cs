namespace Gazette.BrowserTests;

/// <summary>A reader types in the masthead's search box and reaches the article it finds, without JavaScript doing anything.</summary>
[Collection(BrowserSuite.Name)]
public sealed class SearchJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task TheMastheadBoxFindsTheSampleArticle()
    {
        await using var context = await fixture.Browser.NewContextAsync(new() { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        // The index is built in the background after start-up: wait for it, each try a new cache key (trailing spaces the search ignores).
        var deadline = DateTime.UtcNow.AddSeconds(20);
        for (var spaces = 1; DateTime.UtcNow < deadline; spaces++)
        {
            await page.GotoAsync(fixture.BaseUrl + "/search?q=Blinken" + string.Concat(Enumerable.Repeat("%20", spaces)));
            if (await page.Locator(".search__title a").CountAsync() > 0)
            {
                break;
            }
        }

        await page.GotoAsync(fixture.BaseUrl + "/");
        await page.FillAsync("#masthead-q", "Blinken");
        await page.PressAsync("#masthead-q", "Enter");
        await page.WaitForURLAsync("**/search?q=Blinken");

        Assert.Equal(1, await page.Locator($".search__title a[href='{BrowserFixture.SampleUrl}']").CountAsync());
        Assert.Contains("Blinken", await page.Locator(".search__snippet mark").First.InnerTextAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
