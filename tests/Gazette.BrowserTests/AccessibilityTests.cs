using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace Gazette.BrowserTests;

/// <summary>axe-core finds no WCAG 2.1 A or AA violation on the pages a reader meets.</summary>
[Collection(BrowserSuite.Name)]
public sealed class AccessibilityTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("/")]
    [InlineData(BrowserFixture.SampleUrl)]
    [InlineData("/section/world/")]
    [InlineData("/tag/diplomacy/")]
    [InlineData("/sections/")]
    [InlineData("/2024/04/")]
    [InlineData("/search?q=china")]
    [InlineData("/no-such-page/")]
    public Task PageHasNoWcag21AaViolations(string path) => CheckAsync(path);

    [Fact]
    public async Task TheRelatedCoverageBlockHasNoWcag21AaViolations()
    {
        await fixture.PublishBesideSampleAsync("Envoys meet again in Beijing");
        await using (var context = await fixture.Browser.NewContextAsync())
        {
            var page = await context.NewPageAsync();
            // The block appears once the leader's subscriber has computed the list and dropped the cached page.
            // A reload revalidates; a second visit would take the browser's own copy (public pages are max-age=60).
            var deadline = DateTime.UtcNow.AddSeconds(20);
            await page.GotoAsync(fixture.BaseUrl + BrowserFixture.SampleUrl);
            while (await page.Locator(".related a", new() { HasText = "Envoys meet again in Beijing" }).CountAsync() == 0 && DateTime.UtcNow < deadline)
            {
                await page.ReloadAsync();
            }
            Assert.Equal(1, await page.Locator(".related a", new() { HasText = "Envoys meet again in Beijing" }).CountAsync());
        }
        await CheckAsync(BrowserFixture.SampleUrl);
    }

    private async Task CheckAsync(string path)
    {
        foreach (var width in new[] { 1280, 390 })
        {
            await using var context = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = 900 } });
            var page = await context.NewPageAsync();
            await page.GotoAsync(fixture.BaseUrl + path);

            var results = await page.RunAxe(new AxeRunOptions
            {
                RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
            });

            Assert.True(results.Violations.Length == 0, $"{path} at {width}px: " + string.Join("; ", results.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target))})")));
            Assert.NotEmpty(results.Passes);
        }
    }
}
