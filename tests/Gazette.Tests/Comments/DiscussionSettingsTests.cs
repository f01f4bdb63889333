using System.Net;
using Gazette.Articles;
using Gazette.Comments;
using Gazette.Comments.Contracts;
using Gazette.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Comments;

/// <summary>Discussion settings from configuration: closing, pre-moderation, lists, paging, reports.</summary>
public abstract class DiscussionSettingsTests<TProvider>(TProvider provider) : CommentTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Gazette:Discussion:FloodSeconds"] = "0";
        settings["Gazette:Discussion:ThreadsPerPage"] = "2";
        settings["Gazette:Discussion:ReportThreshold"] = "1";
        settings["Gazette:Discussion:ModerationKeys:0"] = "lottery";
        settings["Gazette:Discussion:DisallowedKeys:0"] = "viagra";
        settings["Gazette:Discussion:RequirePriorApproval"] = "false";
    }

    [Fact]
    public async Task AClosedArticleShowsNoFormAndRefusesPostsWith403()
    {
        var closed = await PublishAsync(Story("Closed for comment") with { CommentStatus = DiscussionStatus.Closed });

        var page = await GetAsync(TestLinks.Article(closed.PublishedAt!.Value, closed.Slug));
        using var post = await PostCommentAsync(Fields("Let me in", article: closed.Id));

        Assert.Contains("<p class=\"comments__closed\">Comments are closed.</p>", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"commentform\"", page.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
    }

    [Fact]
    public async Task APremoderatedArticleHoldsEvenARegularsComment()
    {
        var held = await PublishAsync(Story("Sensitive story") with { Premoderated = true });

        using var response = await PostCommentAsync(Fields("Held for sure", article: held.Id));

        Assert.Equal(CommentStatus.Pending, (await Comments.FindAsync(CommentIdOf(response)))!.Status);
    }

    [Theory]
    [InlineData("Win the LOTTERY today", CommentStatus.Pending)]
    [InlineData("cheap viagra", CommentStatus.Spam)]
    [InlineData("a plain opinion", CommentStatus.Approved)]
    [InlineData("two links https://a.example https://b.example", CommentStatus.Pending)]
    public async Task ModerationAndDisallowedListsComeFromConfiguration(string text, string expected)
    {
        using var response = await PostCommentAsync(Fields(text));

        Assert.Equal(expected, (await Comments.FindAsync(CommentIdOf(response)))!.Status);
    }

    [Fact]
    public async Task ACommentWrittenWithinThreeSecondsOfTheStampIsHeld()
    {
        var stamp = await Client.GetStringAsync(new Uri("/comments/stamp", UriKind.Relative));
        var fast = Fields("Typed at machine speed");
        fast["gz_stamp"] = stamp;
        using var fastResponse = await PostCommentAsync(fast);

        Factory.Clock.Advance(TimeSpan.FromSeconds(3));
        var slow = Fields("Typed at human speed");
        slow["gz_stamp"] = stamp;
        using var slowResponse = await PostCommentAsync(slow);

        Assert.Equal(CommentStatus.Pending, (await Comments.FindAsync(CommentIdOf(fastResponse)))!.Status);
        Assert.Equal(CommentStatus.Approved, (await Comments.FindAsync(CommentIdOf(slowResponse)))!.Status);
    }

    [Fact]
    public async Task TheStampIsNeverCached()
    {
        using var response = await Client.GetAsync(new Uri("/comments/stamp", UriKind.Relative));

        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task ThreadsPageAtTheConfiguredSizeUnderCommentPageUrls()
    {
        var article = await PublishAsync(Story("Much discussed"));
        var url = TestLinks.Article(article.PublishedAt!.Value, article.Slug);
        var ids = new List<long>();
        for (var i = 1; i <= 5; i++)
        {
            Factory.Clock.Advance(TimeSpan.FromMinutes(1));
            using var response = await PostCommentAsync(Fields($"Thread {i}", article: article.Id));
            ids.Add(CommentIdOf(response));
            Assert.Equal(i <= 2 ? $"{url}?comment={ids[^1]}#comment-{ids[^1]}" : $"{url}comment-page-{(i + 1) / 2}/?comment={ids[^1]}#comment-{ids[^1]}", response.Headers.Location?.OriginalString);
        }

        var first = await GetAsync(url);
        var third = await GetAsync(url + "comment-page-3/");

        Assert.Contains("Thread 1", first.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Thread 3", first.Html, StringComparison.Ordinal);
        Assert.Contains($"href=\"{url}comment-page-2/#comments\"", first.Html, StringComparison.Ordinal);
        Assert.Contains("Thread 5", third.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(url + "comment-page-4/")).Status);
        Assert.Equal(HttpStatusCode.MovedPermanently, (await GetAsync(url + "comment-page-1/")).Status);
        Assert.Contains("5 responses to “Much discussed”", third.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CardsShowTheCommentCount()
    {
        var article = await PublishAsync(Story("Counted story"));
        using (await PostCommentAsync(Fields("One", article: article.Id)))
        using (await PostCommentAsync(Fields("Two", article: article.Id)))
        {
            var home = await GetAsync("/");

            Assert.Contains($"href=\"{TestLinks.Article(article.PublishedAt!.Value, article.Slug)}#comments\">2 comments</a>", home.Html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AReportedCommentGoesBackToTheModerators()
    {
        var article = await PublishAsync(Story("Reported discussion"));
        var url = TestLinks.Article(article.PublishedAt!.Value, article.Slug);
        using var posted = await PostCommentAsync(Fields("Reportable remark", article: article.Id));
        var id = CommentIdOf(posted);
        Assert.Contains("Reportable remark", (await GetAsync(url)).Html, StringComparison.Ordinal);

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/comments/{id}/report");
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        using var report = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal(CommentStatus.Pending, (await Comments.FindAsync(id))!.Status);
        Assert.DoesNotContain("Reportable remark", (await GetAsync(url)).Html, StringComparison.Ordinal);
        Assert.Equal(1, (await Comments.ListQueueAsync(CommentStatus.Pending, 100)).Single(c => c.Id == id).ReportCount);
    }

    [Fact]
    public async Task IpAndUserAgentAreErasedAfterTheRetentionPeriod()
    {
        using var posted = await PostCommentAsync(Fields("Old remark"), request => request.Headers.UserAgent.ParseAdd("TestBrowser/1.0"));
        var id = CommentIdOf(posted);
        var job = Factory.Services.GetServices<Gazette.Jobs.IPeriodicJob>().OfType<PersonalDataRetentionJob>().Single();

        await job.RunAsync(CancellationToken.None);
        Assert.Equal("TestBrowser/1.0", await UserAgentOfAsync(id));
        Factory.Clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromSeconds(1));
        await job.RunAsync(CancellationToken.None);

        Assert.Null(await UserAgentOfAsync(id));
    }

    private async Task<string?> UserAgentOfAsync(long id)
    {
        await using var database = Gazette.Storage.Database.Create(Gazette.Storage.DatabaseUrl.Parse(Provider.Setting));
        await using var connection = await database.OpenAsync();
        return await Dapper.SqlMapper.QuerySingleAsync<string?>(connection, "select user_agent from comments where id = @id", new { id });
    }
}

public sealed class DiscussionSettingsTestsOnSqlite(SqliteProvider provider) : DiscussionSettingsTests<SqliteProvider>(provider);

public sealed class DiscussionSettingsTestsOnPostgres(PostgresProvider provider) : DiscussionSettingsTests<PostgresProvider>(provider);

public sealed class SiteWideClosingTests(SqliteProvider provider) : CommentTestBase<SqliteProvider>(provider)
{
    protected override void Configure(Dictionary<string, string?> settings) => settings["Gazette:Discussion:ClosedEverywhere"] = "true";

    [Fact]
    public async Task TheSiteWideSwitchClosesEveryArticle()
    {
        var page = await GetAsync(Article);
        using var post = await PostCommentAsync(Fields("Storm"));

        Assert.Contains("Comments are closed.", page.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
    }
}

public sealed class AgeClosingTests(SqliteProvider provider) : CommentTestBase<SqliteProvider>(provider)
{
    protected override void Configure(Dictionary<string, string?> settings) => settings["Gazette:Discussion:CloseAfterDays"] = "14";

    [Fact]
    public async Task CommentsCloseTheConfiguredDaysAfterPublication()
    {
        var fresh = await PublishAsync(Story("Fresh news"));
        var url = TestLinks.Article(fresh.PublishedAt!.Value, fresh.Slug);
        Assert.Contains("id=\"commentform\"", (await GetAsync(url)).Html, StringComparison.Ordinal);

        Factory.Clock.Advance(TimeSpan.FromDays(14));
        using var post = await PostCommentAsync(Fields("Too late", article: fresh.Id));

        var closed = await GetAsync(url);

        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Contains("Comments are closed.", closed.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"commentform\"", closed.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnArticleIsStillOpenADayBeforeItCloses()
    {
        var young = await PublishAsync(Story("Young news"));
        var url = TestLinks.Article(young.PublishedAt!.Value, young.Slug);

        Factory.Clock.Advance(TimeSpan.FromDays(13));
        using var post = await PostCommentAsync(Fields("Just in time", article: young.Id));

        Assert.Equal(HttpStatusCode.SeeOther, post.StatusCode);
        Assert.Contains("id=\"commentform\"", (await GetAsync(url)).Html, StringComparison.Ordinal);
    }
}

public sealed class ReportRateLimitTests(SqliteProvider provider) : CommentTestBase<SqliteProvider>(provider)
{
    [Fact]
    public async Task ReportsFromOneAddressAreRateLimited()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/comments/987654/report");
            using var response = await Client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses.Take(10), status => Assert.Equal(HttpStatusCode.NotFound, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        using var limited = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/comments/987654/report"));
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Contains("many reports", await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
