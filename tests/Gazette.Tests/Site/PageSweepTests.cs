using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Gazette.Articles;
using Gazette.Comments.Contracts;
using Gazette.Storage;
using Gazette.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Site;

/// <summary>
/// One sweep over every kind of page the site serves, public or personal, found
/// or refused: each passes the Nu HTML checker, shows no commenter's email nor
/// any hash of it, says exactly how it may be cached, and each cacheable page
/// answers an old ETag with 200 and a new ETag once what it shows has changed.
/// </summary>
public abstract class PageSweepTests<TProvider>(TProvider provider) : CommentTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    private const string Public = "public, max-age=60, stale-while-revalidate=600";

    /// <summary>A stored page: a shared cache may keep it as long as a browser (no CDN purges here).</summary>
    private const string Shared = Public + ", s-maxage=60, stale-if-error=86400";
    private const string Personal = "private, no-store";

    private sealed record Page(string Name, HttpStatusCode Status, string Html, string? CacheControl, EntityTagHeaderValue? ETag, string Path)
    {
        public override string ToString() => Name;
    }

    protected override void Configure(Dictionary<string, string?> settings) => settings["Gazette:Discussion:ThreadsPerPage"] = "2";

    [Fact]
    public async Task EveryPageTypeIsValidShowsNoEmailAndSaysHowItIsCached()
    {
        // The commenter whose comments fill the threads, and one whose first comment is held.
        var regular = $"Sweep.Regular.{Guid.NewGuid():N}@Example.org";
        var newcomer = $"sweep.newcomer.{Guid.NewGuid():N}@example.org";
        var article = await PublishAsync(Story("Swept story", sections: ["Sweepers"], tags: ["Brooms"]));
        var url = TestLinks.Article(article.PublishedAt!.Value, article.Slug);
        var first = await ApprovedOnAsync(article.Id, "First thread of the sweep.", regular);
        await ApprovedOnAsync(article.Id, "A reply in the first thread.", regular, parent: first);
        var editor = await Factory.Services.GetRequiredService<Gazette.Accounts.UserStore>().CreateAsync(new Gazette.Accounts.User
        {
            Login = "sweeper",
            DisplayName = "Sweep Editor",
            Slug = "sweep-editor",
            Email = $"sweeper.{Guid.NewGuid():N}@example.org",
            PasswordHash = Gazette.Accounts.Passwords.Hash("a password of some length"),
            Role = Gazette.Web.NewsroomRole.Editor,
        });
        Assert.True((await Factory.Services.GetRequiredService<Gazette.Comments.CommentModerationService>()
            .ReplyAsync(new Gazette.Web.NewsroomUser(editor, "Sweep Editor", Gazette.Web.NewsroomRole.Editor), first, "A reply from the newsroom.")).Succeeded);
        await ApprovedOnAsync(article.Id, "Second thread of the sweep.", regular);
        await ApprovedOnAsync(article.Id, "Third thread, on the second comment page.", regular);
        var closed = await PublishAsync(Story("Swept and closed") with { CommentStatus = DiscussionStatus.Closed });

        var pages = new List<Page>
        {
            await PageAsync("home", "/"),
            await PageAsync("article", url),
            await PageAsync("comment-page-2", url + "comment-page-2/"),
            await PageAsync("replytocom", $"{url}?replytocom={first}"),
            await PageAsync("section", "/section/sweepers/"),
            await PageAsync("tag", "/tag/brooms/"),
            await PageAsync("404", "/no-such-page/"),
        };

        Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        using (var held = await PostCommentAsync(Fields("A first word from a newcomer, held.", newcomer, article: article.Id)))
        {
            Assert.Equal(HttpStatusCode.SeeOther, held.StatusCode);
            var location = held.Headers.Location!.OriginalString.Split('#')[0];
            Assert.Contains("moderation-hash=", location, StringComparison.Ordinal);
            pages.Add(await PageAsync("pending", location));
            Assert.Contains("A first word from a newcomer, held.", pages[^1].Html, StringComparison.Ordinal);
        }

        var invalid = Fields("Nameless words.", email: "not-an-email", article: article.Id);
        invalid["author"] = "";
        pages.Add(await PostedAsync("422", invalid));
        pages.Add(await PostedAsync("409", Fields("Second thread of the sweep.", regular, article: article.Id)));
        Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        await ApprovedOnAsync(article.Id, "Fourth thread, just now.", regular, advance: false);
        pages.Add(await PostedAsync("429", Fields("Too soon after the fourth.", regular, article: article.Id)));
        pages.Add(await PostedAsync("403 cross-site", Fields("From elsewhere.", article: article.Id), request =>
        {
            request.Headers.Remove("Sec-Fetch-Site");
            request.Headers.Add("Origin", "http://evil.example");
        }));
        pages.Add(await PostedAsync("403 closed", Fields("Too late for this one.", article: closed.Id)));
        if (Provider is SqliteProvider)
        {
            pages.Add(await StorageFailurePageAsync(article.Id, url));
        }

        var expected = new Dictionary<string, (HttpStatusCode Status, string CacheControl)>
        {
            ["home"] = (HttpStatusCode.OK, Shared),
            ["article"] = (HttpStatusCode.OK, Shared),
            ["comment-page-2"] = (HttpStatusCode.OK, Shared),
            ["replytocom"] = (HttpStatusCode.OK, Personal),
            ["section"] = (HttpStatusCode.OK, Shared),
            ["tag"] = (HttpStatusCode.OK, Shared),
            ["404"] = (HttpStatusCode.NotFound, Public),
            ["pending"] = (HttpStatusCode.OK, Personal),
            ["422"] = (HttpStatusCode.UnprocessableEntity, Personal),
            ["409"] = (HttpStatusCode.Conflict, Personal),
            ["429"] = (HttpStatusCode.TooManyRequests, Personal),
            ["403 cross-site"] = (HttpStatusCode.Forbidden, Personal),
            ["403 closed"] = (HttpStatusCode.Forbidden, Personal),
            ["503"] = (HttpStatusCode.ServiceUnavailable, Personal),
        };
        Assert.All(pages, page => Assert.Equal((page.Name, expected[page.Name].Status, expected[page.Name].CacheControl), (page.Name, page.Status, page.CacheControl)));
        Assert.All(pages, page => Assert.Contains("</html>", page.Html, StringComparison.Ordinal));

        var secrets = Secrets(regular).Concat(Secrets(newcomer)).ToList();
        Assert.All(pages, page => Assert.All(secrets, secret =>
            Assert.False(page.Html.Contains(secret, StringComparison.OrdinalIgnoreCase), $"the {page.Name} page shows {secret}")));
        Assert.Contains("Third thread, on the second comment page.", pages.Single(page => page.Name == "comment-page-2").Html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"comment__staff\">Staff</span>", pages.Single(page => page.Name == "article").Html, StringComparison.Ordinal);

        await AssertValidHtmlAsync(pages);
        await AssertOldETagsAreReplacedAfterAChangeAsync(pages.Where(page => page.CacheControl == Shared && page.Status == HttpStatusCode.OK).ToList(), article.Id, regular);
    }

    /// <summary>
    /// A comment POST while the database cannot be written: another connection
    /// holds SQLite's write lock, so the site's write waits out its 5 s busy
    /// timeout and fails. SQLite only: a PostgreSQL row lock would only queue the
    /// write, and stopping the shared server is not this sweep's business
    /// (HealthTests and ErrorPagesTests cover PostgreSQL going away).
    /// </summary>
    private async Task<Page> StorageFailurePageAsync(long articleId, string url)
    {
        var file = ((SqliteUrl)DatabaseUrl.Parse(Provider.Setting)).Path;
        await using var holder = new SqliteConnection($"Data Source={file};Pooling=False");
        await holder.OpenAsync();
        using (var begin = holder.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";
            await begin.ExecuteNonQueryAsync();
        }
        Page page;
        try
        {
            Factory.Clock.Advance(TimeSpan.FromMinutes(1));
            page = await PostedAsync("503", Fields("Words that must not be lost.", $"sweep.unsaved.{Guid.NewGuid():N}@example.org", article: articleId));
        }
        finally
        {
            using var rollback = holder.CreateCommand();
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync();
        }
        Assert.Contains(">Words that must not be lost.</textarea>", page.Html, StringComparison.Ordinal);
        Assert.Contains(Gazette.Comments.CommentEndpoints.NotSavedMessage, page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain((await Comments.ListQueueAsync(null, 1000)), comment => comment.BodySource == "Words that must not be lost.");
        // The lock is gone: the same comment goes through now.
        using var retried = await PostCommentAsync(Fields("Words that must not be lost.", $"sweep.retried.{Guid.NewGuid():N}@example.org", article: articleId));
        Assert.Equal(HttpStatusCode.SeeOther, retried.StatusCode);
        Assert.StartsWith(url, retried.Headers.Location!.OriginalString, StringComparison.Ordinal);
        return page;
    }

    private static async Task AssertValidHtmlAsync(List<Page> pages)
    {
        var folder = Directory.CreateTempSubdirectory("gazette-sweep-").FullName;
        try
        {
            foreach (var page in pages)
            {
                await File.WriteAllTextAsync(Path.Combine(folder, page.Name.Replace(' ', '-') + ".html"), page.Html);
            }
            var (exitCode, output) = await NuChecker.CheckAsync(folder);
            Assert.True(exitCode == 0, $"vnu found errors:\n{output}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Each cacheable page: its ETag revalidates (304) until what it shows changes, then it is 200 with a new ETag.</summary>
    private async Task AssertOldETagsAreReplacedAfterAChangeAsync(List<Page> cacheable, long articleId, string regular)
    {
        Assert.Equal(["home", "article", "comment-page-2", "section", "tag"], cacheable.Select(page => page.Name));
        // The sweep's later posts changed some pages already: take each page's ETag as it is now.
        for (var i = 0; i < cacheable.Count; i++)
        {
            cacheable[i] = await PageAsync(cacheable[i].Name, cacheable[i].Path);
            Assert.NotNull(cacheable[i].ETag);
            using var unchanged = await RevalidateAsync(cacheable[i]);
            Assert.True(unchanged.StatusCode == HttpStatusCode.NotModified, $"the unchanged {cacheable[i].Name} page did not answer its own ETag with 304");
        }

        // A comment approved changes the article's pages (not the listings, whose counts may lag a minute);
        // an article published changes the listings. Each change is checked on the pages it alone changes.
        await ApprovedOnAsync(articleId, "Fifth thread, after the first sweep.", regular);
        await AssertChangedAsync(cacheable.Where(page => page.Name is "article" or "comment-page-2"));
        Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        await PublishAsync(Story("Another swept story", sections: ["Sweepers"], tags: ["Brooms"]));
        await AssertChangedAsync(cacheable.Where(page => page.Name is "home" or "section" or "tag"));
    }

    private async Task AssertChangedAsync(IEnumerable<Page> pages)
    {
        foreach (var page in pages)
        {
            using var changed = await RevalidateAsync(page);
            Assert.True(changed.StatusCode == HttpStatusCode.OK, $"the changed {page.Name} page answered its old ETag with {(int)changed.StatusCode}");
            Assert.NotNull(changed.Headers.ETag);
            Assert.NotEqual(page.ETag, changed.Headers.ETag);
            Assert.Equal(Shared, CacheControlOf(changed));
        }
    }

    /// <summary>The header exactly as sent, not as HttpClient re-orders it when parsed.</summary>
    private static string CacheControlOf(HttpResponseMessage response) => response.Headers.NonValidated["Cache-Control"].ToString();

    private async Task<HttpResponseMessage> RevalidateAsync(Page page)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, page.Path);
        request.Headers.IfNoneMatch.Add(page.ETag!);
        return await Client.SendAsync(request);
    }

    private async Task<Page> PageAsync(string name, string path)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
        return new Page(name, response.StatusCode, await response.Content.ReadAsStringAsync(), CacheControlOf(response), response.Headers.ETag, path);
    }

    private async Task<Page> PostedAsync(string name, Dictionary<string, string> fields, Action<HttpRequestMessage>? configure = null)
    {
        using var response = await PostCommentAsync(fields, configure);
        return new Page(name, response.StatusCode, await response.Content.ReadAsStringAsync(), CacheControlOf(response), response.Headers.ETag, "/comments/");
    }

    /// <summary>Posts to the given article a minute after the last post (flood control) and approves; returns the id.</summary>
    private async Task<long> ApprovedOnAsync(long articleId, string text, string email, long parent = 0, bool advance = true)
    {
        if (advance)
        {
            Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        }
        using var response = await PostCommentAsync(Fields(text, email, parent, articleId));
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var id = CommentIdOf(response);
        await Moderator.SetStatusAsync(id, CommentStatus.Approved, Gazette.Events.AuditActor.CommandLine);
        return id;
    }

    /// <summary>The email as typed and as stored, its local part, and its MD5 (Gravatar) and SHA-256 in lower and upper hex.</summary>
    private static IEnumerable<string> Secrets(string email)
    {
        foreach (var form in new[] { email, email.Trim().ToLowerInvariant() }.Distinct())
        {
            yield return form;
            yield return form.Split('@')[0];
            var bytes = Encoding.UTF8.GetBytes(form);
#pragma warning disable CA5351 // MD5 is what Gravatar URLs leak; the test looks for exactly that.
            var md5 = MD5.HashData(bytes);
#pragma warning restore CA5351
            var sha256 = SHA256.HashData(bytes);
            yield return Convert.ToHexStringLower(md5);
            yield return Convert.ToHexString(md5);
            yield return Convert.ToHexStringLower(sha256);
            yield return Convert.ToHexString(sha256);
        }
    }
}

public sealed class PageSweepTestsOnSqlite(SqliteProvider provider) : PageSweepTests<SqliteProvider>(provider);

/// <summary>The same sweep on PostgreSQL, without the 503 page (see StorageFailurePageAsync).</summary>
public sealed class PageSweepTestsOnPostgres(PostgresProvider provider) : PageSweepTests<PostgresProvider>(provider);
