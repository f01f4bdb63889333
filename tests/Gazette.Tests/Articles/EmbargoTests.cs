using System.Net;
using Gazette.Articles;
using Gazette.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Articles;

/// <summary>
/// Issue 9's embargo: an article in any state but published-and-due appears on
/// no public page, listing, count or link, and takes no comment, on both databases.
/// One test per reader path; each new path (feeds, search, sitemaps, APIs) adds its own.
/// </summary>
public abstract class EmbargoTests<TProvider>(TProvider provider) : SiteTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    private static readonly string[] HiddenStatuses = [ArticleStatus.Draft, ArticleStatus.Pending, ArticleStatus.Private, ArticleStatus.Trash];

    private ArticlePublisher Publisher => Factory.Services.GetRequiredService<ArticlePublisher>();

    /// <summary>One hidden article per state, plus one dated tomorrow, all in section "desk-{run}" and tag "secret-{run}".</summary>
    private async Task<(string Run, List<Article> Hidden)> HiddenArticlesAsync()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var hidden = new List<Article>();
        foreach (var status in HiddenStatuses)
        {
            hidden.Add(await Publisher.CreateAsync(Story($"Embargoed {status} {run}", sections: [$"Desk {run}"], tags: [$"Secret {run}"]) with
            {
                Status = status,
                PublishedAt = Factory.Clock.GetUtcNow().AddHours(-1),
            }));
        }
        hidden.Add(await Publisher.CreateAsync(Story($"Embargoed until tomorrow {run}", Factory.Clock.GetUtcNow().AddDays(1), [$"Desk {run}"], [$"Secret {run}"])));
        // One visible article keeps the section and the tag public, so their pages exist to be searched.
        await Publisher.CreateAsync(Story($"Public story {run}", Factory.Clock.GetUtcNow().AddHours(-2), [$"Desk {run}"], [$"Secret {run}"]));
        return (run, hidden);
    }

    [Fact]
    public async Task ADatedPublishedArticleIsStoredAsScheduled()
    {
        var (_, hidden) = await HiddenArticlesAsync();

        Assert.Equal(ArticleStatus.Scheduled, hidden[^1].Status);
    }

    [Fact]
    public async Task NoHiddenArticleIsOnTheHomePageOrItsOlderPages()
    {
        var (run, _) = await HiddenArticlesAsync();

        var home = await Client.GetStringAsync("/");
        Assert.Contains($"Public story {run}", home, StringComparison.Ordinal);
        Assert.DoesNotContain("Embargoed", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoHiddenArticleIsOnItsSectionOrTagPageNorInTheirCounts()
    {
        var (run, _) = await HiddenArticlesAsync();

        foreach (var path in new[] { $"/section/desk-{run}/", $"/tag/secret-{run}/" })
        {
            var (status, html, _) = await GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains($"Public story {run}", html, StringComparison.Ordinal);
            Assert.DoesNotContain("Embargoed", html, StringComparison.Ordinal);
        }
        var sections = await Factory.Services.GetRequiredService<TaxonomyStore>().ListSectionsAsync(100);
        Assert.Equal(1, sections.Single(section => section.Slug == $"desk-{run}").ArticleCount);
    }

    [Fact]
    public async Task NoHiddenArticleAnswersAtItsOwnAddress()
    {
        var (_, hidden) = await HiddenArticlesAsync();

        foreach (var article in hidden)
        {
            var path = TestLinks.Article(article.PublishedAt ?? Factory.Clock.GetUtcNow(), article.Slug);
            Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(path)).Status);
        }
    }

    [Fact]
    public async Task NoHiddenArticleTakesAComment()
    {
        var (_, hidden) = await HiddenArticlesAsync();

        foreach (var article in hidden)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/comments/")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["comment_post_ID"] = article.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["author"] = "Nosy Reader",
                    ["email"] = "nosy@example.org",
                    ["comment"] = "What is this?",
                }),
            };
            request.Headers.Add("Sec-Fetch-Site", "same-origin");
            using var response = await Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Fact]
    public async Task AHiddenPageIsNotFound()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        foreach (var status in HiddenStatuses)
        {
            var page = await Publisher.CreateAsync(new ArticleDraft { Kind = ArticleKind.Page, Status = status, Title = $"Hidden page {status} {run}", BodyMarkdown = "Not yet." });
            Assert.Equal(HttpStatusCode.NotFound, (await GetAsync($"/{page.Slug}/")).Status);
        }
    }

    [Fact]
    public async Task TheScheduledArticleAppearsWhenItsTimeComes()
    {
        var (run, hidden) = await HiddenArticlesAsync();
        var tomorrow = hidden[^1];

        Factory.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await Factory.Services.GetRequiredService<ScheduledPublishing>().PublishDueAsync(CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(TestLinks.Article(tomorrow.PublishedAt!.Value, tomorrow.Slug))).Status);
        Assert.Contains($"Embargoed until tomorrow {run}", await Client.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoHiddenArticleIsOnItsAuthorsPageAndAnAuthorWithNothingPublicIsNotFound()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var names = await Factory.Services.GetRequiredService<Gazette.Articles.Contracts.IBylineMembers>().EnsureAsync([$"Seen {run}", $"Unseen {run}"], CancellationToken.None);
        ArticleDraft By(ArticleDraft draft, string name) => draft with { Bylines = [name], BylineMembers = new Dictionary<string, long> { [name] = names[name] } };
        foreach (var status in HiddenStatuses)
        {
            await Publisher.CreateAsync(By(Story($"Embargoed {status} {run}") with { Status = status, PublishedAt = Factory.Clock.GetUtcNow().AddHours(-1) }, $"Seen {run}"));
            await Publisher.CreateAsync(By(Story($"Embargoed {status} {run}") with { Status = status, PublishedAt = Factory.Clock.GetUtcNow().AddHours(-1) }, $"Unseen {run}"));
        }
        await Publisher.CreateAsync(By(Story($"Embargoed until tomorrow {run}", Factory.Clock.GetUtcNow().AddDays(1)), $"Unseen {run}"));
        await Publisher.CreateAsync(By(Story($"Embargoed until tomorrow {run}", Factory.Clock.GetUtcNow().AddDays(1)), $"Seen {run}"));
        await Publisher.CreateAsync(By(Story($"Public story {run}", Factory.Clock.GetUtcNow().AddHours(-2)), $"Seen {run}"));

        var (found, html, _) = await GetAsync($"/author/seen-{run}/");

        Assert.Equal(HttpStatusCode.OK, found);
        Assert.Contains($"Public story {run}", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Embargoed", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync($"/author/unseen-{run}/")).Status);
    }

    [Fact]
    public async Task NoHiddenArticleIsInItsDateArchivesAndAPeriodWithOnlyHiddenOnesIsNotFound()
    {
        var (run, hidden) = await HiddenArticlesAsync();
        var now = Factory.Clock.GetUtcNow();
        var month = $"/{now:yyyy}/{now:MM}/";
        var tomorrow = hidden[^1].PublishedAt!.Value;
        var (_, html, _) = await GetAsync(month);

        Assert.Contains($"Public story {run}", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Embargoed", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Embargoed", (await GetAsync($"/{tomorrow:yyyy}/{tomorrow:MM}/")).Html, StringComparison.Ordinal);
        foreach (var status in HiddenStatuses)
        {
            await Publisher.CreateAsync(Story($"Embargoed {status} {run}") with { Status = status, PublishedAt = new DateTimeOffset(2003, 6, 1, 12, 0, 0, TimeSpan.Zero) });
        }
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("/2003/06/")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("/2003/")).Status);
    }

    [Fact]
    public async Task SearchFindsNoHiddenArticleUntilItsTimeComes()
    {
        var (run, hidden) = await HiddenArticlesAsync();
        var index = Factory.Services.GetRequiredService<Gazette.Search.SearchIndex>();
        async Task<bool> IndexedAsync(int count)
        {
            await Factory.Services.GetRequiredService<Gazette.Events.ClusterEventPump>().RunAsync(CancellationToken.None);
            return (await index.SearchAsync(Gazette.Search.SearchQuery.Parse(run), 0, 10, CancellationToken.None)).Total == count;
        }
        await Wait.UntilAsync(() => IndexedAsync(1));

        var html = await Client.GetStringAsync($"/search?q={run}");
        Assert.Contains($"Public story {run}", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Embargoed", html, StringComparison.Ordinal);

        Factory.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await Factory.Services.GetRequiredService<ScheduledPublishing>().PublishDueAsync(CancellationToken.None);
        await Wait.UntilAsync(() => IndexedAsync(2));
        Assert.Contains(hidden[^1].Id, (await index.SearchAsync(Gazette.Search.SearchQuery.Parse(run), 0, 10, CancellationToken.None)).Rows.Select(row => row.ArticleId));
    }

    [Fact]
    public async Task NoSitemapListsAHiddenArticleUntilItsTimeComes()
    {
        var (run, hidden) = await HiddenArticlesAsync();
        async Task<List<string>> ListedAsync() =>
        [
            .. (await Gazette.Tests.Sitemaps.SitemapXml.CrawlAsync(Client)).Urls.Select(Gazette.Tests.Sitemaps.SitemapXml.Loc),
            .. Gazette.Tests.Sitemaps.SitemapXml.Locations(Gazette.Tests.Sitemaps.SitemapXml.Valid(await Client.GetStringAsync("/news-sitemap.xml"))),
        ];

        var listed = await ListedAsync();
        Assert.Contains(listed, url => url.EndsWith($"/public-story-{run}/", StringComparison.Ordinal));
        Assert.DoesNotContain(listed, url => url.Contains("/embargoed-", StringComparison.Ordinal));

        Factory.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await Factory.Services.GetRequiredService<ScheduledPublishing>().PublishDueAsync(CancellationToken.None);
        Assert.Equal(2, (await ListedAsync()).Count(url => url.EndsWith($"/{hidden[^1].Slug}/", StringComparison.Ordinal)));
    }
}

public sealed class EmbargoTestsOnSqlite(SqliteProvider provider) : EmbargoTests<SqliteProvider>(provider);

public sealed class EmbargoTestsOnPostgres(PostgresProvider provider) : EmbargoTests<PostgresProvider>(provider);
