using Gazette.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.BrowserTests;

/// <summary>
/// A newsroom moves in from WordPress: a fresh install imports a real WordPress
/// export (tests/fixtures/wordpress), and a reader arriving by the old site's links
/// lands on the same stories, threads and pages, without JavaScript.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed class ImportJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task AReaderFollowsTheOldSitesLinksIntoTheImportedStories()
    {
        var folder = Directory.CreateTempSubdirectory("gazette-import-journey-").FullName;
        try
        {
            await using (var site = new SiteFactory($"sqlite:{Path.Combine(folder, "gazette.db")}"))
            {
                var baseUrl = site.Start();
                var export = Repository.Path("tests", "fixtures", "wordpress", "export.xml");
                await site.Services.GetRequiredService<Gazette.Import.WordPressImport>()
                    .RunAsync(() => File.OpenRead(export), Repository.Path("tests", "fixtures", "wordpress", "uploads"), _ => { }, CancellationToken.None);
                await using var context = await fixture.Browser.NewContextAsync(new() { JavaScriptEnabled = false });
                var page = await context.NewPageAsync();

                // WordPress's plain link to post 5, which keeps its id, its dated permalink and its thread.
                await page.GotoAsync(baseUrl + "/?p=5");
                Assert.Equal(baseUrl + "/2024/03/02/parliament-votes-on-the-budget/", page.Url);
                Assert.Equal("Parliament votes on the budget", await page.Locator("h1.story__title").InnerTextAsync());
                Assert.Equal(1, await page.Locator("#comment-2 > ol.children > #comment-3 > ol.children > #comment-4").CountAsync());
                Assert.Contains("Jean-Étienne Dupré", await page.Locator("#comment-4 .comment__author").InnerTextAsync(), StringComparison.Ordinal);
                Assert.Equal(0, await page.Locator("#comment-5, #comment-7").CountAsync());

                // The post's slug before WordPress renamed it, and a child page by WordPress's page id.
                await page.GotoAsync(baseUrl + "/2024/03/03/cafes-reopen-in-zurich/");
                Assert.Equal("Café culture returns to Zürich", await page.Locator("h1.story__title").InnerTextAsync());
                await page.GotoAsync(baseUrl + "/?page_id=15");
                Assert.Equal(baseUrl + "/about/team/", page.Url);
                Assert.Equal("Our team", await page.Locator("h1.story__title").InnerTextAsync());

                // A tag WordPress named in Chinese keeps its old address, as a 301 to the ASCII slug it is filed by here.
                await page.GotoAsync(baseUrl + "/tag/%E4%B8%AD%E5%9B%BD/");
                Assert.StartsWith(baseUrl + "/tag/", page.Url, StringComparison.Ordinal);
                Assert.Equal("中国", await page.Locator("h1.listing__heading").InnerTextAsync());

                // The category's old address lists its posts; the reader follows one to its caption and picture, now served by Gazette.
                await page.GotoAsync(baseUrl + "/category/world/");
                await page.ClickAsync("a:has-text('Photo: the new bridge at dawn')");
                Assert.Equal(baseUrl + "/2024/03/05/photo-the-new-bridge-at-dawn/", page.Url);
                var figure = page.Locator(".story__body figure").First;
                Assert.False(string.IsNullOrWhiteSpace(await figure.Locator("figcaption").InnerTextAsync()));
                var picture = await figure.Locator("img").GetAttributeAsync("src");
                Assert.StartsWith("/", picture, StringComparison.Ordinal);
                Assert.Equal(200, (await page.APIRequest.GetAsync(baseUrl + picture)).Status);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
