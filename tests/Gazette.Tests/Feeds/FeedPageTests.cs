using System.Net;
using System.Net.Http.Headers;
using Gazette.Articles;
using Gazette.Articles.Contracts;
using Gazette.Comments.Contracts;
using Gazette.Events;
using Gazette.Feeds;
using Gazette.Settings.Contracts;
using Gazette.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Feeds;

/// <summary>The feeds as served, on both databases: what they list, what they never show, how they revalidate and where they are announced.</summary>
public abstract class FeedPageTests<TProvider>(TProvider provider) : CommentTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    private static string Run() => "f" + Guid.NewGuid().ToString("N")[..8];

    private DateTimeOffset Recently => Factory.Clock.GetUtcNow().AddMinutes(-1);

    [Fact]
    public async Task EverySiteFeedListsWhatThePublicMaySeeAndNothingElse()
    {
        var run = Run();
        var published = await PublishAsync(Story($"Visible {run}", Recently));
        await PublishAsync(Story($"Embargoed {run}", Factory.Clock.GetUtcNow().AddDays(1)));
        await PublishAsync(Story($"Draft {run}") with { Status = ArticleStatus.Draft });
        await PublishAsync(Story($"Scheduled {run}", Factory.Clock.GetUtcNow().AddHours(2)) with { Status = ArticleStatus.Scheduled });

        var rss = await FeedAsync("/feed/", "application/rss+xml; charset=utf-8");
        var atom = await FeedAsync("/feed/atom/", "application/atom+xml; charset=utf-8");
        var json = await FeedAsync("/feed.json", "application/feed+json; charset=utf-8");

        Assert.Contains(FeedShapes.Rss(rss).Items, item => item.Title.Text == $"Visible {run}" && item.Id == $"http://localhost/?p={published.Id}");
        Assert.Contains(FeedShapes.AtomFeed(atom).Items, item => item.Title.Text == $"Visible {run}");
        Assert.Contains(FeedShapes.Json(json).GetProperty("items").EnumerateArray(), item => item.GetProperty("title").GetString() == $"Visible {run}");
        foreach (var feed in new[] { rss, atom, json })
        {
            Assert.DoesNotContain($"Embargoed {run}", feed, StringComparison.Ordinal);
            Assert.DoesNotContain($"Draft {run}", feed, StringComparison.Ordinal);
            Assert.DoesNotContain($"Scheduled {run}", feed, StringComparison.Ordinal);
        }
        Assert.Contains($"First paragraph of Visible {run}.", rss, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SectionTagAndAuthorFeedsListTheirArticlesAndUnknownOnesAreNotFound()
    {
        var run = Run();
        var member = (await Factory.Services.GetRequiredService<IBylineMembers>().EnsureAsync([$"Writer {run}"], CancellationToken.None))[$"Writer {run}"];
        var author = (await Factory.Services.GetRequiredService<IAuthorDirectory>().FindAsync([member], CancellationToken.None))[member];
        await PublishAsync(Story($"Filed {run}", Recently, sections: [$"Desk {run}"], tags: [$"Topic {run}"])
            with { Bylines = [$"Writer {run}"], BylineMembers = new Dictionary<string, long> { [$"Writer {run}"] = member } });
        await PublishAsync(Story($"Elsewhere {run}", Recently));

        foreach (var path in new[] { $"/section/desk-{run}/", $"/tag/topic-{run}/", author.Path })
        {
            var rss = await FeedAsync(path + "feed/", "application/rss+xml; charset=utf-8");
            var items = FeedShapes.Rss(rss).Items.ToList();
            Assert.Equal([$"Filed {run}"], items.Select(item => item.Title.Text));
            FeedShapes.AtomFeed(await FeedAsync(path + "feed/atom/", "application/atom+xml; charset=utf-8"));
            FeedShapes.Json(await FeedAsync(path + "feed.json", "application/feed+json; charset=utf-8"));
            Assert.Contains($"<dc:creator>Writer {run}</dc:creator>", rss, StringComparison.Ordinal);
        }
        foreach (var path in new[] { "/section/no-such-desk/feed/", "/tag/no-such-topic/feed/atom/", "/author/no-such-writer/feed.json", "/2024/04/no-such-story/feed/", "/no-such-page/feed/" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(path)).Status);
        }
    }

    [Theory]
    [InlineData("/feed", "/feed/")]
    [InlineData("/feed/atom", "/feed/atom/")]
    [InlineData("/comments/feed", "/comments/feed/")]
    public async Task AFeedWithoutItsSlashMovesToItsOneUrl(string path, string canonical)
    {
        var (status, _, response) = await GetAsync(path);

        Assert.Equal(HttpStatusCode.MovedPermanently, status);
        Assert.Equal(canonical, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task ARepeatWithEitherValidatorIsNotModified()
    {
        await PublishAsync(Story($"Validated {Run()}", Recently));
        var first = (await GetAsync("/feed/")).Response;
        var etag = first.Headers.ETag!;
        var modified = first.Content.Headers.LastModified!.Value;

        using var byTag = new HttpRequestMessage(HttpMethod.Get, "/feed/");
        byTag.Headers.IfNoneMatch.Add(etag);
        using var byDate = new HttpRequestMessage(HttpMethod.Get, "/feed/");
        byDate.Headers.IfModifiedSince = modified;
        using var stale = new HttpRequestMessage(HttpMethod.Get, "/feed/");
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"other\""));

        Assert.Equal(HttpStatusCode.NotModified, (await Client.SendAsync(byTag)).StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, (await Client.SendAsync(byDate)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.SendAsync(stale)).StatusCode);
    }

    [Fact]
    public async Task ANewArticleEvictsTheCachedFeeds()
    {
        var run = Run();
        await PublishAsync(Story($"Before {run}", Recently, sections: [$"Beat {run}"]));
        Assert.DoesNotContain($"After {run}", await FeedAsync($"/section/beat-{run}/feed/", "application/rss+xml; charset=utf-8"), StringComparison.Ordinal);
        Assert.DoesNotContain($"After {run}", await FeedAsync("/feed.json", "application/feed+json; charset=utf-8"), StringComparison.Ordinal);

        await PublishAsync(Story($"After {run}", Recently, sections: [$"Beat {run}"]));

        Assert.Contains($"After {run}", await FeedAsync($"/section/beat-{run}/feed/", "application/rss+xml; charset=utf-8"), StringComparison.Ordinal);
        Assert.Contains($"After {run}", await FeedAsync("/feed.json", "application/feed+json; charset=utf-8"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSummarySettingLeavesTheFullTextOut()
    {
        var run = Run();
        await PublishAsync(Story($"Summarised {run}", Recently) with { Summary = $"Summary {run}" });
        Assert.Contains($"First paragraph of Summarised {run}.", await FeedAsync("/feed/", "application/rss+xml; charset=utf-8"), StringComparison.Ordinal);

        await SetAsync($"{FeedOptions.Section}:{nameof(FeedOptions.SummaryOnly)}", "true");
        try
        {
            var rss = await FeedAsync("/feed/", "application/rss+xml; charset=utf-8");
            var json = await FeedAsync("/feed.json", "application/feed+json; charset=utf-8");

            Assert.Contains($"<description>Summary {run}</description>", rss, StringComparison.Ordinal);
            Assert.DoesNotContain($"First paragraph of Summarised {run}.", rss, StringComparison.Ordinal);
            Assert.DoesNotContain("content:encoded>", rss, StringComparison.Ordinal);
            Assert.Contains($"\"content_text\": \"Summary {run}\"", json, StringComparison.Ordinal);
            FeedShapes.Json(json);
        }
        finally
        {
            await SetAsync($"{FeedOptions.Section}:{nameof(FeedOptions.SummaryOnly)}", null);
        }
    }

    [Fact]
    public async Task CommentFeedsShowApprovedCommentsOnPublicArticlesAndNoEmail()
    {
        var run = Run();
        var article = await PublishAsync(Story($"Discussed {run}", Recently));
        var embargoed = await PublishAsync(Story($"Embargoed {run}", Factory.Clock.GetUtcNow().AddDays(1)));
        var email = $"{run}@example.org";
        await CommentAsync(article.Id, $"Approved words {run}", email, CommentStatus.Approved);
        await CommentAsync(article.Id, $"Pending words {run}", $"p{email}", CommentStatus.Pending);
        await using (var work = await Factory.Services.GetRequiredService<UnitsOfWork>().BeginAsync())
        {
            await Factory.Services.GetRequiredService<ICommentImport>().AddApprovedAsync(work, new ImportedComment(embargoed.Id, null, "Early Reader", $"Hidden words {run}", Recently));
            await work.CommitAsync();
        }

        var path = (await Factory.Services.GetRequiredService<IPublicArticles>().FindAsync(article.Id, CancellationToken.None))!.Path;
        foreach (var (feed, type) in new[] { ("/comments/feed/", "application/rss+xml"), ("/comments/feed/atom/", "application/atom+xml"), ("/comments/feed.json", "application/feed+json"),
            (path + "feed/", "application/rss+xml"), (path + "feed/atom/", "application/atom+xml"), (path + "feed.json", "application/feed+json") })
        {
            var body = await FeedAsync(feed, type + "; charset=utf-8");
            Assert.Contains($"Approved words {run}", body, StringComparison.Ordinal);
            Assert.Contains("Jane Reader", body, StringComparison.Ordinal);
            Assert.DoesNotContain(email, body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain($"Pending words {run}", body, StringComparison.Ordinal);
            Assert.DoesNotContain($"Hidden words {run}", body, StringComparison.Ordinal);
        }
        FeedShapes.Rss(await FeedAsync(path + "feed/", "application/rss+xml; charset=utf-8"));
        FeedShapes.AtomFeed(await FeedAsync(path + "feed/atom/", "application/atom+xml; charset=utf-8"));
        FeedShapes.Json(await FeedAsync("/comments/feed.json", "application/feed+json; charset=utf-8"));
    }

    [Fact]
    public async Task PagesAnnounceTheSiteFeedsAndTheirOwn()
    {
        var run = Run();
        var article = await PublishAsync(Story($"Announced {run}", Recently, sections: [$"Wire {run}"], tags: [$"Label {run}"]));
        var path = (await Factory.Services.GetRequiredService<IPublicArticles>().FindAsync(article.Id, CancellationToken.None))!.Path;

        foreach (var (page, own) in new[] { ("/", (string?)null), ($"/section/wire-{run}/", $"/section/wire-{run}/feed/"), ($"/tag/label-{run}/", $"/tag/label-{run}/feed/atom/"), (path, path + "feed.json") })
        {
            var (status, html, _) = await GetAsync(page);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains("<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Gazette (RSS)\" href=\"/feed/\">", html, StringComparison.Ordinal);
            Assert.Contains("type=\"application/atom+xml\" title=\"Gazette (Atom)\" href=\"/feed/atom/\"", html, StringComparison.Ordinal);
            Assert.Contains("type=\"application/feed+json\" title=\"Gazette (JSON Feed)\" href=\"/feed.json\"", html, StringComparison.Ordinal);
            if (own is not null)
            {
                Assert.Contains($"href=\"{own}\"", html, StringComparison.Ordinal);
            }
        }
    }

    private async Task<string> FeedAsync(string path, string contentType)
    {
        var (status, body, response) = await GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(contentType, response.Content.Headers.ContentType!.ToString());
        return body;
    }

    private async Task CommentAsync(long articleId, string text, string email, string status)
    {
        using var response = await PostCommentAsync(Fields(text, email, article: articleId));
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        await Moderator.SetStatusAsync(CommentIdOf(response), status, AuditActor.CommandLine);
    }

    private async Task SetAsync(string key, string? value)
    {
        await using var work = await Factory.Services.GetRequiredService<UnitsOfWork>().BeginAsync();
        await Factory.Services.GetRequiredService<ISettings>().SetAsync(work, key, value);
        await work.CommitAsync();
    }
}

public sealed class FeedPageTestsOnSqlite(SqliteProvider provider) : FeedPageTests<SqliteProvider>(provider);

public sealed class FeedPageTestsOnPostgres(PostgresProvider provider) : FeedPageTests<PostgresProvider>(provider);
