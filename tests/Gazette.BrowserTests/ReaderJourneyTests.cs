using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gazette.BrowserTests;

/// <summary>What a reader does with a fresh install: find the sample story, read it, jump back to the top.</summary>
[Collection(BrowserSuite.Name)]
public sealed class ReaderJourneyTests(BrowserFixture fixture)
{
    private const string Title = "China Outlines Five Goals for Antony Blinken’s Visit to Foster US Relations";

    [Fact]
    public async Task ReaderOpensTheSampleArticleFromTheFrontPageAndSeesTheFiveGoals()
    {
        await using var context = await fixture.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/");

        await page.GetByRole(AriaRole.Link, new() { Name = Title }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Title);
        await Expect(page.Locator("time").First).ToHaveAttributeAsync("datetime", "2024-04-22T08:00:00Z");
        var goals = page.Locator(".story__body ol > li > strong");
        await Expect(goals).ToHaveTextAsync(
        [
            "Establishing the Right Perception:",
            "Strengthening Dialogue:",
            "Effectively Managing Disagreements:",
            "Promoting Mutually Beneficial Cooperation:",
            "Fulfilling Responsibilities as Major Countries:",
        ]);
        await Expect(page.Locator(".story__body ol")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task BackToTopReturnsToTheMastheadWithoutJavaScript()
    {
        await using var context = await fixture.Browser.NewContextAsync(new() { JavaScriptEnabled = false, ViewportSize = new() { Width = 390, Height = 700 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + BrowserFixture.SampleUrl);
        var backToTop = page.GetByRole(AriaRole.Link, new() { Name = "Back To Top" });
        var masthead = page.Locator(".masthead__title");

        await backToTop.ScrollIntoViewIfNeededAsync();
        await Expect(masthead).Not.ToBeInViewportAsync();
        await backToTop.ClickAsync();

        await Expect(masthead).ToBeInViewportAsync();
        await Expect(page).ToHaveURLAsync(fixture.BaseUrl + BrowserFixture.SampleUrl + "#top");
    }

    [Theory]
    [InlineData(1280, 900, "article-1280.png")]
    [InlineData(390, 844, "article-390.png")]
    public async Task ArticleFitsTheScreenFromPhoneToDesktop(int width, int height, string screenshot)
    {
        await using var context = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + BrowserFixture.SampleUrl);

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsFolder, screenshot), FullPage = width < 1000 });

        Assert.Equal(0, overflow);
        Assert.True(File.Exists(Path.Combine(BrowserFixture.ArtifactsFolder, screenshot)));
    }
}
