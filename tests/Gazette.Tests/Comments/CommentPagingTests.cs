using System.Net;
using System.Text.RegularExpressions;
using Gazette.Articles;
using Gazette.Comments;
using Gazette.Comments.Contracts;
using Gazette.Events;
using Gazette.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Comments;

/// <summary>
/// A discussion paged by <see cref="ThreadPageReader"/>: two threads a page,
/// replies three deep, comments approved at once unless they say "hold me".
/// </summary>
public abstract class PagedDiscussionTestBase<TProvider>(TProvider provider) : CommentTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    protected const string Held = "hold me";

    protected ThreadPageReader Threads => Factory.Services.GetRequiredService<ThreadPageReader>();

    protected virtual bool OldestFirst => true;

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Gazette:Discussion:FloodSeconds"] = "0";
        settings["Gazette:Discussion:MinFillSeconds"] = "0";
        settings["Gazette:Discussion:ThreadsPerPage"] = "2";
        settings["Gazette:Discussion:ThreadDepth"] = "3";
        settings["Gazette:Discussion:RequirePriorApproval"] = "false";
        settings["Gazette:Discussion:ModerationKeys:0"] = Held;
        settings["Gazette:Discussion:OldestFirst"] = OldestFirst ? "true" : "false";
    }

    protected async Task<(long Id, string Url)> ArticleAsync()
    {
        var article = await PublishAsync(Story($"Paged discussion {Guid.NewGuid():N}"));
        return (article.Id, TestLinks.Article(article.PublishedAt!.Value, article.Slug));
    }

    /// <summary>Posts an approved comment a minute after the last, so the order is the posting order.</summary>
    protected async Task<long> PostAsync(long article, string text, long parent = 0, string author = "Jane Reader")
    {
        Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        using var response = await PostCommentAsync(Fields(text, parent: parent, article: article, author: author));
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var id = CommentIdOf(response);
        Assert.Equal(CommentStatus.Approved, (await Comments.FindAsync(id))!.Status);
        return id;
    }

    /// <summary>The ids of the page's top-level comments, in order.</summary>
    protected static List<long> TopLevelIds(string html)
    {
        var list = html[html.IndexOf("<ol class=\"comment-list\"", StringComparison.Ordinal)..];
        var ids = new List<long>();
        var depth = 0;
        foreach (Match tag in Regex.Matches(list, "<li id=\"comment-(\\d+)\"|</li>|<ol[ >]|</ol>"))
        {
            if (tag.Value.StartsWith("<ol", StringComparison.Ordinal))
            {
                depth++;
            }
            else if (tag.Value == "</ol>" && --depth == 0)
            {
                break;
            }
            else if (tag.Groups[1].Success && depth == 1)
            {
                ids.Add(long.Parse(tag.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return ids;
    }
}

/// <summary>Comment pages in WordPress's default order, oldest first.</summary>
public abstract class CommentPagingTests<TProvider>(TProvider provider) : PagedDiscussionTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    [Fact]
    public async Task TopLevelCommentsAreReadAPageAtATimeInEitherOrder()
    {
        var (article, _) = await ArticleAsync();
        var first = await PostAsync(article, "One");
        var reply = await PostAsync(article, "Reply to one", parent: first);
        var second = await PostAsync(article, "Two");
        var third = await PostAsync(article, "Three");

        Assert.Equal([first, second], (await Threads.TopLevelAsync(article, oldestFirst: true, 0, 2)).Select(c => c.Id));
        Assert.Equal([third], (await Threads.TopLevelAsync(article, oldestFirst: true, 2, 2)).Select(c => c.Id));
        Assert.Equal([third, second, first], (await Threads.TopLevelAsync(article, oldestFirst: false, 0, 5)).Select(c => c.Id));
        Assert.Equal([reply], (await Threads.RepliesAsync(article, [first, second])).Select(c => c.Id));
        Assert.Empty(await Threads.RepliesAsync(article, [third]));
        Assert.Equal(2, await Threads.TopLevelBeforeAsync(article, oldestFirst: true, third));
        Assert.Equal(0, await Threads.TopLevelBeforeAsync(article, oldestFirst: false, third));
        Assert.Equal(first, await Threads.ThreadTopAsync(article, reply));
    }

    [Fact]
    public async Task AReplyWhoseParentIsHiddenShowsAtTheTopLevelInItsPlace()
    {
        var (article, url) = await ArticleAsync();
        var parent = await PostAsync(article, "Soon hidden");
        var orphan = await PostAsync(article, "Orphaned reply", parent: parent);
        var grandchild = await PostAsync(article, "Its reply", parent: orphan);
        var later = await PostAsync(article, "Later thread");

        await Moderator.SetStatusAsync(parent, CommentStatus.Trash, AuditActor.CommandLine);
        var page = await GetAsync(url);

        Assert.Equal([orphan, later], (await Threads.TopLevelAsync(article, oldestFirst: true, 0, 5)).Select(c => c.Id));
        Assert.Null(await Threads.ThreadTopAsync(article, parent));
        Assert.DoesNotContain("Soon hidden", page.Html, StringComparison.Ordinal);
        Assert.Equal([orphan, later], TopLevelIds(page.Html));
        Assert.Matches($"<li id=\"comment-{orphan}\" class=\"comment\">(?s:.)*?<ol class=\"children\">\\s*<li id=\"comment-{grandchild}\"", page.Html);
        Assert.DoesNotContain("comment-page-2", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PreviousAndNextLinksComeWithoutACountAndAPagePastTheEndIs404()
    {
        var (article, url) = await ArticleAsync();
        for (var i = 1; i <= 4; i++)
        {
            await PostAsync(article, $"Thread {i}");
        }

        var first = await GetAsync(url);
        var second = await GetAsync(url + "comment-page-2/");

        Assert.Contains($"href=\"{url}comment-page-2/#comments\"", first.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("comment-page-3", second.Html, StringComparison.Ordinal);
        Assert.Contains($"href=\"{url}#comments\"", second.Html, StringComparison.Ordinal);
        Assert.Contains("Thread 4", second.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(url + "comment-page-3/")).Status);

        await PostAsync(article, "Thread 5");
        Assert.Contains($"href=\"{url}comment-page-3/#comments\"", (await GetAsync(url + "comment-page-2/")).Html, StringComparison.Ordinal);
        var third = await GetAsync(url + "comment-page-3/");
        Assert.Contains($"href=\"{url}comment-page-2/#comments\"", third.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("comment-page-4", third.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheReadersPendingCommentShowsWhereItWillBe()
    {
        var (article, url) = await ArticleAsync();
        var threads = new List<long>();
        for (var i = 1; i <= 4; i++)
        {
            threads.Add(await PostAsync(article, $"Thread {i}"));
        }

        // Top level and newest: alone on a third page that only its author sees.
        using var posted = await PostCommentAsync(Fields($"Mine, {Held}", article: article));
        var location = posted.Headers.Location!.OriginalString;
        var own = CommentIdOf(posted);
        Assert.StartsWith($"{url}comment-page-3/?unapproved={own}&moderation-hash=", location, StringComparison.Ordinal);
        var view = await GetAsync(location);
        Assert.Equal([own], TopLevelIds(view.Html));
        Assert.Contains($"href=\"{url}comment-page-2/#comments\"", view.Html, StringComparison.Ordinal);
        var query = location[location.IndexOf('?', StringComparison.Ordinal)..location.IndexOf('#', StringComparison.Ordinal)];
        Assert.Contains($"href=\"{url}comment-page-3/#comments\"", (await GetAsync($"{url}comment-page-2/{query}")).Html, StringComparison.Ordinal);
        Assert.Equal([threads[0], threads[1]], TopLevelIds((await GetAsync(url + query)).Html));
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(url + "comment-page-3/")).Status);

        // A reply: under its parent, on its parent's page.
        using var reply = await PostCommentAsync(Fields($"My reply, {Held}", parent: threads[2], article: article));
        var replyLocation = reply.Headers.Location!.OriginalString;
        var replyId = CommentIdOf(reply);
        Assert.StartsWith($"{url}comment-page-2/?unapproved={replyId}&", replyLocation, StringComparison.Ordinal);
        var replyView = await GetAsync(replyLocation);
        Assert.Equal([threads[2], threads[3]], TopLevelIds(replyView.Html));
        Assert.Matches($"<li id=\"comment-{threads[2]}\" class=\"comment\">(?s:.)*?<ol class=\"children\">\\s*<li id=\"comment-{replyId}\"", replyView.Html);
    }

    [Fact]
    public async Task RepliesOfferAReplyLinkOnlyAboveTheThreadDepth()
    {
        var (article, url) = await ArticleAsync();
        var top = await PostAsync(article, "Top");
        var reply = await PostAsync(article, "Reply", parent: top);
        var deepest = await PostAsync(article, "Deepest", parent: reply);

        var page = await GetAsync(url);

        Assert.Contains($"?replytocom={top}#respond", page.Html, StringComparison.Ordinal);
        Assert.Contains($"?replytocom={reply}#respond", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain($"?replytocom={deepest}#respond", page.Html, StringComparison.Ordinal);
        Assert.Equal([reply, deepest], (await Threads.RepliesAsync(article, [top])).Select(c => c.Id));
    }

    [Fact]
    public async Task ARefusedReplyFindsItsParentOnAnotherPageAndTheRedirectFindsItsThreadsPage()
    {
        var (article, url) = await ArticleAsync();
        var threads = new List<long>();
        for (var i = 1; i <= 3; i++)
        {
            threads.Add(await PostAsync(article, $"Thread {i}", author: $"Writer {i}"));
        }

        using var refused = await PostCommentAsync(Fields("", parent: threads[2], article: article));
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("Reply to Writer 3", html, StringComparison.Ordinal);

        using var onFirst = await PostCommentAsync(Fields("On the first page", parent: threads[0], article: article));
        using var onSecond = await PostCommentAsync(Fields("On the second page", parent: threads[2], article: article));
        Assert.StartsWith($"{url}?comment=", onFirst.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.StartsWith($"{url}comment-page-2/?comment=", onSecond.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}

/// <summary>Comment pages newest first: the reader's pending comment leads the first page.</summary>
public abstract class NewestFirstPagingTests<TProvider>(TProvider provider) : PagedDiscussionTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    protected override bool OldestFirst => false;

    [Fact]
    public async Task NewestFirstPutsThePendingCommentFirstAndShiftsThePage()
    {
        var (article, _) = await ArticleAsync();
        for (var i = 1; i <= 3; i++)
        {
            await PostAsync(article, $"Thread {i}");
        }
        using var posted = await PostCommentAsync(Fields($"Mine, {Held}", article: article));
        var location = posted.Headers.Location!.OriginalString;
        var own = CommentIdOf(posted);
        var query = location[location.IndexOf('?', StringComparison.Ordinal)..location.IndexOf('#', StringComparison.Ordinal)];
        var url = location[..location.IndexOf('?', StringComparison.Ordinal)];
        var first = await GetAsync(location);
        var second = await GetAsync($"{url}comment-page-2/{query}");

        Assert.Equal(own, TopLevelIds(first.Html)[0]);
        Assert.Contains("Thread 3", first.Html, StringComparison.Ordinal);
        Assert.Contains("Thread 2", second.Html, StringComparison.Ordinal);
        Assert.Contains("Thread 1", second.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("comment-page-3", second.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync($"{url}comment-page-3/{query}")).Status);
    }
}

public sealed class CommentPagingTestsOnSqlite(SqliteProvider provider) : CommentPagingTests<SqliteProvider>(provider);

public sealed class CommentPagingTestsOnPostgres(PostgresProvider provider) : CommentPagingTests<PostgresProvider>(provider);

public sealed class NewestFirstPagingTestsOnSqlite(SqliteProvider provider) : NewestFirstPagingTests<SqliteProvider>(provider);

public sealed class NewestFirstPagingTestsOnPostgres(PostgresProvider provider) : NewestFirstPagingTests<PostgresProvider>(provider);
