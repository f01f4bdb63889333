using System.Globalization;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Gazette.Web;
using Microsoft.Playwright;

namespace Gazette.BrowserTests;

/// <summary>Issue 13's journey: an editor puts a story in the home page's lead and puts up a breaking-news banner, and a reader sees both.</summary>
[Collection(BrowserSuite.Name)]
public sealed class FrontJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task AnEditorPinsALeadAndPutsUpABannerAndAReaderSeesBoth()
    {
        // The sample article, from 2024: a newer story leads until an editor puts the sample in the lead.
        const string Story = "China Outlines Five Goals for Antony Blinken’s Visit to Foster US Relations";
        const string Banner = "Storm warning lifted for the whole coast";
        const long StoryId = 1;
        await fixture.PublishBesideSampleAsync("Ferry service returns after the storm");
        await using var context = await fixture.SignedInAsync("front-editor", NewsroomRole.Editor);
        var page = await context.NewPageAsync();
        var reader = await fixture.Browser.NewContextAsync();
        var home = await reader.NewPageAsync();
        await home.GotoAsync(fixture.BaseUrl + "/");
        await Assertions.Expect(home.Locator(".lead .card__title")).Not.ToHaveTextAsync(Story);

        await page.GotoAsync(fixture.BaseUrl + "/admin/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Fronts", Exact = true }).ClickAsync();
        await page.SelectOptionAsync("#article", StoryId.ToString(CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Put it in the lead", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("Saved: the home page shows it from the next request.");
        await page.GetByRole(AriaRole.Link, new() { Name = "Breaking news", Exact = true }).ClickAsync();
        await page.FillAsync("#text", Banner);
        await page.FillAsync("#url", "/section/world/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Put up the banner", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("The banner is up");

        // A reload asks again past the browser's own copy, as a reader arriving later would.
        await home.ReloadAsync();
        await Assertions.Expect(home.Locator(".lead .card__title")).ToHaveTextAsync(Story);
        await Assertions.Expect(home.Locator(".breaking")).ToContainTextAsync(Banner);
        await home.Locator(".breaking a").ClickAsync();
        await home.WaitForURLAsync(fixture.BaseUrl + "/section/world/");
        await Assertions.Expect(home.Locator(".breaking")).ToContainTextAsync(Banner);
        await home.GotoAsync(fixture.BaseUrl + "/");
        var results = await home.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        Assert.True(results.Violations.Length == 0, string.Join("; ", results.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target))})")));

        await page.GetByRole(AriaRole.Button, new() { Name = "Take it down", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("The banner is down.");
        await page.GotoAsync(fixture.BaseUrl + "/admin/front");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Take {Story} off the front", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("Saved");
        await home.ReloadAsync();
        await Assertions.Expect(home.Locator(".breaking")).ToHaveCountAsync(0);
        await reader.CloseAsync();
    }
}
