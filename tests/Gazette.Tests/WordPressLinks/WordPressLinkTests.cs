using System.Net;
using Gazette.Articles;
using Gazette.Articles.Contracts;
using Gazette.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.WordPressLinks;

/// <summary>
/// A moved-in WordPress site's links answer 301 to their new home, on both
/// databases (each answer reads the store): plain links on the home page's query,
/// dated and bare permalinks, categories, tags, feeds and searches; an old link
/// to nothing public is a 404, and every URL Gazette serves itself still answers 200.
/// </summary>
public abstract class WordPressLinkTests<TProvider>(TProvider provider) : SiteTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    private DateTimeOffset Published => Factory.Clock.GetUtcNow().AddDays(-3);

    [Fact]
    public async Task PostAndPageIdsAnswer301ToTheirUrlAndNothingPublicIs404()
    {
        var run = Run();
        var article = await PublishAsync(Story($"Plain {run}", Published));
        var page = await PublishAsync(Story($"Imprint {run}", Published) with { Kind = ArticleKind.Page });
        var draft = await PublishAsync(Story($"Unready {run}") with { Status = ArticleStatus.Draft });

        await AssertMovedAsync($"/?p={article.Id}", await PathOfAsync(article.Id));
        await AssertMovedAsync($"/?page_id={page.Id}", $"/imprint-{run}/");
        await AssertMovedAsync($"/?p={article.Id}&feed=rss2", await PathOfAsync(article.Id) + "feed/");
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync($"/?p={draft.Id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("/?p=987654321")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("/?p=not-a-number")).Status);
    }

    [Fact]
    public async Task TheCachedHomePageIsNeverServedForAPlainLink()
    {
        var article = await PublishAsync(Story($"Cached {Run()}", Published));
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/")).Status);
        var (_, _, again) = await GetAsync("/");
        Assert.True(again.Headers.Contains("Age"), "the home page should come from the cache the second time");

        await AssertMovedAsync($"/?p={article.Id}", await PathOfAsync(article.Id));
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/?utm_source=x")).Status);
    }

    [Fact]
    public async Task DatedAndBarePermalinksAnswer301ByTheirSlug()
    {
        var run = Run();
        var article = await PublishAsync(Story($"Dated {run}", Published));
        var path = await PathOfAsync(article.Id);
        var slug = $"dated-{run}";
        var day = Published.ToString("yyyy/MM/dd", System.Globalization.CultureInfo.InvariantCulture);

        await AssertMovedAsync($"/{day}/{slug}/", path);
        await AssertMovedAsync($"/{Published.Year}/{slug}/", path);
        await AssertMovedAsync($"/{slug}/", path);
        await AssertMovedAsync($"/archives/{article.Id}/", path);
        await AssertMovedAsync($"/{day}/", Published.ToString("/yyyy/MM/", System.Globalization.CultureInfo.InvariantCulture));
        await AssertMovedAsync("/?m=" + Published.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture), Published.ToString("/yyyy/MM/", System.Globalization.CultureInfo.InvariantCulture));
        await AssertMovedAsync($"/?m={Published.Year}", $"/{Published.Year}/");
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("/?m=2024x")).Status);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(path)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync($"/{day}/no-such-{run}/")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("/wp-login.php")).Status);
    }

    [Fact]
    public async Task CategoriesTagsAndAuthorsAnswer301ToTheirArchives()
    {
        var run = Run();
        await PublishAsync(Story($"Filed {run}", Published, sections: [$"World {run}"], tags: [$"Harbour {run}"]));

        await AssertMovedAsync($"/category/world-{run}/", $"/section/world-{run}/");
        await AssertMovedAsync($"/category/news/world-{run}/", $"/section/world-{run}/");
        await AssertMovedAsync($"/?category_name=news/world-{run}", $"/section/world-{run}/");
        await AssertMovedAsync($"/?tag=harbour-{run}", $"/tag/harbour-{run}/");
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync($"/category/nothing-{run}/")).Status);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync($"/section/world-{run}/")).Status);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync($"/tag/harbour-{run}/")).Status);
    }

    [Fact]
    public async Task NumberedPagesAnswer301ToTheListingAfterWordPresssPosts()
    {
        var run = Run();
        var filed = new List<Article>();
        for (var i = 0; i < 12; i++)
        {
            filed.Add(await PublishAsync(Story($"Paged {i} {run}", Published.AddMinutes(i), sections: [$"Paged desk {run}"], tags: [$"Paged tag {run}"])));
        }
        // Newest first, as both sites list them: WordPress's page 2 begins after its tenth post.
        var tenth = filed[^10].Id;

        await AssertMovedAsync($"/category/paged-desk-{run}/page/2/", $"/section/paged-desk-{run}/?before={tenth}");
        await AssertMovedAsync($"/tag/paged-tag-{run}/page/2/", $"/tag/paged-tag-{run}/?before={tenth}");
        await AssertMovedAsync($"/?category_name=paged-desk-{run}&paged=2", $"/section/paged-desk-{run}/?before={tenth}");
        await AssertMovedAsync($"/category/paged-desk-{run}/page/1/", $"/section/paged-desk-{run}/");
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync($"/category/paged-desk-{run}/page/3/")).Status);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync($"/section/paged-desk-{run}/?before={tenth}")).Status);

        var newest = await Factory.Services.GetRequiredService<IPublicArticles>().LatestAsync(new PublicArticleFilter(10), CancellationToken.None);
        await AssertMovedAsync("/page/2/", $"/?before={newest[^1].Id}");
        await AssertMovedAsync("/?paged=2", $"/?before={newest[^1].Id}");
        await AssertMovedAsync($"/{Published.Year}/page/2/", $"/{Published.Year}/");
    }

    [Fact]
    public async Task ImportedAuthorsAndTermsAreFoundByTheirWordPressNames()
    {
        var run = Run();
        var members = await Factory.Services.GetRequiredService<IBylineMembers>().EnsureAsync([$"Jane Moved {run}"], CancellationToken.None);
        var moved = await PublishAsync(Story($"Moved {run}", Published, sections: [$"Foreign desk {run}"], tags: [$"Docks {run}"]) with { Bylines = [$"Jane Moved {run}"], BylineMembers = members });
        // Imported into a site that had articles already: WordPress's post id became another.
        var wordPressId = moved.Id + 1_000_000;
        var jane = await Factory.Services.GetRequiredService<IAuthorDirectory>().FindBySlugAsync($"jane-moved-{run}", CancellationToken.None);
        Assert.NotNull(jane);
        var database = Factory.Services.GetRequiredService<Gazette.Storage.Database>();
        await using (var connection = await database.OpenAsync(CancellationToken.None))
        {
            foreach (var (kind, source, target, key) in new (string, string, long?, string)[]
            {
                ("user", $"J.Moved_{run}", jane.Id, $"J.Moved_{run}"),
                ("category", $"world-{run}", null, $"foreign-desk-{run}"),
                ("category", Uri.EscapeDataString($"国际-{run}").ToLowerInvariant(), null, $"foreign-desk-{run}"),
                ("tag", $"port-{run}", null, $"docks-{run}"),
                ("post", wordPressId.ToString(System.Globalization.CultureInfo.InvariantCulture), moved.Id, $"moved-{run}"),
            })
            {
                await Dapper.SqlMapper.ExecuteAsync(connection, "insert into import_map (kind, source_id, target_id, target_key, imported_at) values (@kind, @source, @target, @key, @now)",
                    new { kind, source, target, key, now = DateTimeOffset.UtcNow });
            }
        }

        await AssertMovedAsync($"/author/j-moved-{run}/", $"/author/jane-moved-{run}/");
        await AssertMovedAsync($"/author/j-moved-{run}/feed/", $"/author/jane-moved-{run}/feed/");
        await AssertMovedAsync($"/category/world-{run}/", $"/section/foreign-desk-{run}/");
        await AssertMovedAsync($"/category/{Uri.EscapeDataString($"国际-{run}")}/", $"/section/foreign-desk-{run}/");
        await AssertMovedAsync($"/tag/port-{run}/", $"/tag/docks-{run}/");
        await AssertMovedAsync($"/?p={wordPressId}", await PathOfAsync(moved.Id));
        await AssertMovedAsync($"/archives/{wordPressId}/", await PathOfAsync(moved.Id));
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync($"/author/nobody-{run}/")).Status);
    }

    [Fact]
    public async Task FeedVariantsAnswer301ToGazettesFeeds()
    {
        var run = Run();
        var article = await PublishAsync(Story($"Fed {run}", Published, sections: [$"Desk {run}"], tags: [$"Topic {run}"]));
        var path = await PathOfAsync(article.Id);

        await AssertMovedAsync("/feed/rss2/", "/feed/");
        await AssertMovedAsync("/feed/rss/", "/feed/");
        await AssertMovedAsync("/feed/rdf/", "/feed/");
        await AssertMovedAsync("/comments/feed/rss2/", "/comments/feed/");
        await AssertMovedAsync($"/category/desk-{run}/feed/", $"/section/desk-{run}/feed/");
        await AssertMovedAsync($"/category/desk-{run}/feed/atom/", $"/section/desk-{run}/feed/atom/");
        await AssertMovedAsync($"/tag/topic-{run}/feed/rss2/", $"/tag/topic-{run}/feed/");
        await AssertMovedAsync($"/fed-{run}/feed/", path + "feed/");
        await AssertMovedAsync("/?feed=rss2", "/feed/");
        await AssertMovedAsync("/?feed=atom", "/feed/atom/");
        await AssertMovedAsync("/?feed=comments-rss2", "/comments/feed/");
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("/?feed=nonsense")).Status);
        foreach (var own in new[] { "/feed/", "/feed/atom/", "/comments/feed/", $"/section/desk-{run}/feed/", $"/tag/topic-{run}/feed/", path + "feed/" })
        {
            Assert.True((await GetAsync(own)).Status == HttpStatusCode.OK, own);
        }
    }

    [Fact]
    public async Task ASearchAnswers301ToGazettesSearch()
    {
        await AssertMovedAsync("/?s=harbour+budget%20%26+more", "/search?q=harbour%20budget%20%26%20more");
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/search?q=harbour")).Status);
    }

    [Fact]
    public async Task GazettesOwnUrlsStillAnswer200()
    {
        var run = Run();
        var article = await PublishAsync(Story($"Own {run}", Published, sections: [$"Own desk {run}"], tags: [$"Own tag {run}"]));
        var page = await PublishAsync(Story($"Own page {run}", Published) with { Kind = ArticleKind.Page });
        var month = Published.ToString("/yyyy/MM/", System.Globalization.CultureInfo.InvariantCulture);

        foreach (var path in new[] { "/", $"/{Published.Year}/", month, await PathOfAsync(article.Id), await PathOfAsync(page.Id),
            $"/section/own-desk-{run}/", $"/tag/own-tag-{run}/", "/sections/", "/sitemap.xml", "/robots.txt", "/?before=" + article.Id })
        {
            Assert.True((await GetAsync(path)).Status == HttpStatusCode.OK, path);
        }
    }

    private async Task AssertMovedAsync(string from, string to)
    {
        var (status, _, response) = await GetAsync(from);
        Assert.True(status == HttpStatusCode.MovedPermanently, $"{from} answered {(int)status}");
        Assert.Equal(to, response.Headers.Location?.OriginalString);
    }

    private async Task<string> PathOfAsync(long id) =>
        (await Factory.Services.GetRequiredService<IPublicArticles>().FindAsync(id, CancellationToken.None))!.Path;

    private static string Run() => "r" + Guid.NewGuid().ToString("N")[..8];
}

public sealed class WordPressLinkTestsOnSqlite(SqliteProvider provider) : WordPressLinkTests<SqliteProvider>(provider);

public sealed class WordPressLinkTestsOnPostgres(PostgresProvider provider) : WordPressLinkTests<PostgresProvider>(provider);
