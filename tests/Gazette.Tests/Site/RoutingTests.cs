using System.Net;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Site;

/// <summary>The precedence table of docs/routing.md, row by row.</summary>
public abstract class RoutingTests<TProvider>(TProvider provider) : SiteTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    private const string Sample = SampleArticleTests<TProvider>.Url;

    [Theory]
    [InlineData("/2024/04/china-outlines-five-goals-for-antony-blinkens-visit-to-foster-us-relations")]
    [InlineData("/2024/05/china-outlines-five-goals-for-antony-blinkens-visit-to-foster-us-relations/")]
    [InlineData("/2023/04/China-Outlines-Five-Goals-for-Antony-Blinkens-Visit-to-Foster-US-Relations/")]
    public async Task NonCanonicalArticleUrlsRedirectPermanentlyToTheCanonicalOne(string path)
    {
        var (status, _, response) = await GetAsync(path);

        Assert.Equal(HttpStatusCode.MovedPermanently, status);
        Assert.Equal(Sample, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task RedirectKeepsTheQueryString()
    {
        var (_, _, response) = await GetAsync("/section/world?before=1");

        Assert.Equal("/section/world/?before=1", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/2024/04/no-such-story/")]
    [InlineData("/2024/03/")]
    [InlineData("/24/04/china-outlines-five-goals-for-antony-blinkens-visit-to-foster-us-relations/")]
    [InlineData("/section/no-such-desk/")]
    [InlineData("/tag/no-such-topic/")]
    [InlineData("/wp-login.php")]
    [InlineData("/assets/layout.liquid")]
    public async Task UnknownAddressesGetTheThemed404(string path)
    {
        var (status, html, response) = await GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Contains("<h1>Page not found</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"robots\" content=\"noindex\">", html, StringComparison.Ordinal);
        Assert.Contains("class=\"masthead\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SectionAndTagArchivesListTheirArticles()
    {
        var section = await GetAsync("/section/world/");
        var tag = await GetAsync("/tag/united-states/");

        Assert.Equal(HttpStatusCode.OK, section.Status);
        Assert.Contains("<h1 id=\"listing-heading\" class=\"listing__heading\">World</h1>", section.Html, StringComparison.Ordinal);
        Assert.Contains($"href=\"{Sample}\"", section.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, tag.Status);
        Assert.Contains("<h1 id=\"listing-heading\" class=\"listing__heading\">United States</h1>", tag.Html, StringComparison.Ordinal);
        Assert.Contains($"href=\"{Sample}\"", tag.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThemeAssetsAreServed()
    {
        var (status, body, response) = await GetAsync("/assets/favicon.svg");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("<svg", body, StringComparison.Ordinal);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ReservedWordsNeverBecomeSlugs()
    {
        var feed = await PublishAsync(Story("Feed", sections: ["Tag"], tags: ["Admin"]));

        Assert.Equal("feed-2", feed.Slug);
        var section = await GetAsync("/section/tag-section/");
        var tag = await GetAsync("/tag/admin-tag/");
        Assert.Equal(HttpStatusCode.OK, section.Status);
        Assert.Equal(HttpStatusCode.OK, tag.Status);
    }

    [Fact]
    public async Task TakenSlugsGetANumber()
    {
        var first = await PublishAsync(Story("Budget passes"));
        var second = await PublishAsync(Story("Budget passes"));

        Assert.Equal("budget-passes", first.Slug);
        Assert.Equal("budget-passes-2", second.Slug);
    }

    [Fact]
    public async Task DraftsAndFutureArticlesAreNotPublic()
    {
        var draft = await PublishAsync(Story("Embargoed draft") with { Status = Gazette.Articles.ArticleStatus.Draft, PublishedAt = Factory.Clock.GetUtcNow().AddDays(-1) });
        var future = await PublishAsync(Story("Tomorrow's story", publishedAt: Factory.Clock.GetUtcNow().AddDays(1)));

        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(TestLinks.Article(draft.PublishedAt!.Value, draft.Slug))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(TestLinks.Article(future.PublishedAt!.Value, future.Slug))).Status);
        var home = await GetAsync("/");
        Assert.DoesNotContain("Embargoed draft", home.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Tomorrow", home.Html, StringComparison.Ordinal);
    }
}

public sealed class RoutingTestsOnSqlite(SqliteProvider provider) : RoutingTests<SqliteProvider>(provider);

public sealed class RoutingTestsOnPostgres(PostgresProvider provider) : RoutingTests<PostgresProvider>(provider);
