using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using Gazette.Articles;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Site;

public abstract partial class SampleArticleTests<TProvider>(TProvider provider) : SiteTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    public const string Url = "/2024/04/china-outlines-five-goals-for-antony-blinkens-visit-to-foster-us-relations/";

    [Fact]
    public async Task FreshSiteShowsTheSampleArticleOnTheHomePage()
    {
        var (status, html, _) = await GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"<a href=\"{Url}\">China Outlines Five Goals for Antony Blinken’s Visit to Foster US Relations</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SampleArticleHasTitleDateSectionTagsAndTheFiveGoalsAsOneList()
    {
        var (status, html, _) = await GetAsync(Url);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<h1 class=\"story__title\">China Outlines Five Goals for Antony Blinken’s Visit to Foster US Relations</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<time datetime=\"2024-04-22T08:00:00Z\">April 22, 2024</time>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/section/world/\">World</a>", html, StringComparison.Ordinal);
        foreach (var (tag, slug) in new[] { ("China", "china"), ("United States", "united-states"), ("Diplomacy", "diplomacy") })
        {
            Assert.Contains($"<a href=\"/tag/{slug}/\" rel=\"tag\">{tag}</a>", html, StringComparison.Ordinal);
        }
        var list = Assert.Single(OrderedList().Matches(html));
        var goals = Goal().Matches(list.Value).Select(match => match.Groups[1].Value).ToList();
        Assert.Equal(
            ["Establishing the Right Perception:", "Strengthening Dialogue:", "Effectively Managing Disagreements:", "Promoting Mutually Beneficial Cooperation:", "Fulfilling Responsibilities as Major Countries:"],
            goals);
        Assert.Contains("The Ministry of Foreign Affairs of the Chinese mainland announced", html, StringComparison.Ordinal);
        Assert.Contains("addressing global challenges together.</p>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SampleArticleIsFollowedByTheCommentFormThenBackToTop()
    {
        var (_, html, _) = await GetAsync(Url);

        var bodyEnd = html.IndexOf("addressing global challenges together.</p>", StringComparison.Ordinal);
        var form = html.IndexOf(">Leave a Reply<", StringComparison.Ordinal);
        var backToTop = html.IndexOf("<a href=\"#top\">Back To Top</a>", StringComparison.Ordinal);
        Assert.Contains("<body id=\"top\">", html, StringComparison.Ordinal);
        Assert.True(bodyEnd > 0 && form > bodyEnd && backToTop > form, "article body, then the comment form, then Back To Top");
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "Leave a Reply"));
        Assert.DoesNotContain("Leave a Reply", html[..bodyEnd], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ArticleCarriesNewsArticleStructuredData()
    {
        var (_, html, _) = await GetAsync(Url);

        Assert.Contains("<script type=\"application/ld+json\">[{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\"", html, StringComparison.Ordinal);
        Assert.Contains("\"datePublished\":\"2024-04-22T08:00:00Z\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARestartDoesNotPublishTheSampleAgain()
    {
        await GetAsync("/");
        await using (var again = new GazetteFactory(Provider))
        {
            again.CreateClient().Dispose();
        }

        await using var database = Gazette.Storage.Database.Create(Gazette.Storage.DatabaseUrl.Parse(Provider.Setting));
        await using var connection = await database.OpenAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("select count(*) from articles where title = @title", new { title = SampleContent.Title }));
    }

    [GeneratedRegex("<ol>.*?</ol>", RegexOptions.Singleline)]
    private static partial Regex OrderedList();

    [GeneratedRegex("<li><strong>([^<]+)</strong>")]
    private static partial Regex Goal();
}

public sealed class SampleArticleTestsOnSqlite(SqliteProvider provider) : SampleArticleTests<SqliteProvider>(provider);

public sealed class SampleArticleTestsOnPostgres(PostgresProvider provider) : SampleArticleTests<PostgresProvider>(provider);
