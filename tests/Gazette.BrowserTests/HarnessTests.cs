using Microsoft.Playwright;

namespace Gazette.BrowserTests;

[Collection(BrowserSuite.Name)]
public sealed class HarnessTests(BrowserFixture fixture)
{
    [Fact]
    public async Task ChromiumReachesTheSiteOnItsRealPort()
    {
        var page = await fixture.Browser.NewPageAsync();

        var response = await page.GotoAsync(fixture.BaseUrl + "/healthz");

        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        await Assertions.Expect(page.Locator("body")).ToHaveTextAsync("Healthy");
        await page.CloseAsync();
    }
}
