using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gazette.BrowserTests;

/// <summary>A reader keeps a live blog open: new entries arrive at the top without a reload, and the page says when coverage ends.</summary>
[Collection(BrowserSuite.Name)]
public sealed class LiveBlogTests(BrowserFixture fixture)
{
    [Fact]
    public async Task AReadersOpenPageShowsANewEntryAtTheTopWithoutAReloadAndStopsWhenCoverageEnds()
    {
        var (id, path) = await fixture.LiveBlogAsync("Storm makes landfall");
        var first = await fixture.LiveDesk.PostAsync(BrowserFixture.Administrator, id, new Gazette.Articles.LiveEntryInput(null, "Winds are picking up on the coast.", false), CancellationToken.None);
        await using var context = await fixture.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + path);
        var entries = page.Locator(".live__entries > .live-entry");
        await Expect(entries).ToHaveCountAsync(1);
        await Expect(page.Locator(".live-badge")).ToHaveTextAsync("Live");

        var posted = await fixture.LiveDesk.PostAsync(BrowserFixture.Administrator, id, new Gazette.Articles.LiveEntryInput("Landfall", "The storm is **ashore** near the harbour.", true), CancellationToken.None);

        await Expect(entries).ToHaveCountAsync(2);
        var newest = entries.First;
        await Expect(newest).ToHaveIdAsync($"entry-{posted.EntryId}");
        await Expect(newest.Locator(".live-entry__headline")).ToHaveTextAsync("Landfall");
        await Expect(newest.Locator(".live-entry__body strong")).ToHaveTextAsync("ashore");
        await Expect(newest.Locator(".live-entry__time a")).ToHaveAttributeAsync("href", $"{path}#entry-{posted.EntryId}");
        await Expect(entries.Nth(1)).ToHaveIdAsync($"entry-{first.EntryId}");
        await Expect(page.Locator(".live__announce")).ToHaveTextAsync("1 new update");

        await fixture.LiveDesk.EndAsync(BrowserFixture.Administrator, id, CancellationToken.None);
        await Expect(page.Locator(".live__announce")).ToContainTextAsync("The live coverage has ended.");
        await Expect(entries).ToHaveCountAsync(2);
    }
}
