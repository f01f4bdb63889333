using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Gazette.Tests.Infrastructure;
using Gazette.Tests.Media;

namespace Gazette.Tests.Hosting;

/// <summary>
/// bench/crash.sh in short: one kill -9 that lands while comments, article
/// saves and uploads are in flight, then a restart; every write that was
/// acknowledged must be there and the database must pass integrity_check.
/// </summary>
public sealed partial class CrashTrialTests : IDisposable
{
    private const string Password = "a long enough crash password";

    private static readonly Dictionary<string, string> NoLimits = new()
    {
        ["Gazette__Discussion__FloodSeconds"] = "0",
        ["Gazette__Discussion__MinFillSeconds"] = "0",
    };

    private readonly string _folder = Directory.CreateTempSubdirectory("gazette-crash-").FullName;
    private readonly ConcurrentBag<long> _comments = [];
    private readonly ConcurrentBag<string> _media = [];
    private long _articleId;
    private int _savedVersion;
    private int _inFlight;
    private bool _killed;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task EveryAcknowledgedCommentSaveAndUploadSurvivesAKill9WhileTheyAreInFlight()
    {
        Assert.Equal(0, (await GazetteProcess.RunAsync(_folder, null, "migrate")).ExitCode);
        var added = await GazetteProcess.RunWithInputAsync(_folder, Password + "\n", "user", "add", "crash", "--role", "editor", "--password-stdin");
        Assert.True(added.ExitCode == 0, added.Stderr);
        int inFlightAtKill;
        await using (var server = GazetteProcess.Start(_folder, NoLimits, "serve", "--urls", "http://127.0.0.1:0"))
        {
            var address = new Uri(await server.WaitUntilListeningAsync());
            using var readers = Client(address);
            using var editor = Client(address);
            var token = await SignInAsync(editor);
            (_articleId, _savedVersion) = await PublishAsync(editor, token);

            var writers = Enumerable.Range(0, 4).Select(worker => Task.Run(() => CommentsAsync(readers, worker)))
                .Append(Task.Run(() => SavesAsync(editor, token)))
                .Append(Task.Run(() => UploadsAsync(editor, token)))
                .ToList();
            await Wait.UntilAsync(() => Task.FromResult(
                writers.Any(writer => writer.IsCompleted)
                || (_comments.Count >= 20 && Volatile.Read(ref _savedVersion) >= 3 && _media.Count >= 2 && Volatile.Read(ref _inFlight) >= 3)));
            inFlightAtKill = Volatile.Read(ref _inFlight);
            Volatile.Write(ref _killed, true);
            server.Kill();
            await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(60));
        }

        Assert.True(inFlightAtKill >= 3, $"only {inFlightAtKill} writes were in flight when the server was killed");
        Assert.True(_comments.Count >= 20 && _savedVersion >= 3 && _media.Count >= 2, "the writes had not got going before the kill");
        var file = Path.Combine(_folder, "data", "gazette.db");
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await connection.OpenAsync();
            Assert.Equal("ok", await ScalarAsync(connection, "PRAGMA integrity_check"));
            Assert.Equal((long)_comments.Count, await ScalarAsync(connection, $"select count(*) from comments where id in ({string.Join(',', _comments)})"));
            Assert.True((long)(await ScalarAsync(connection, $"select version from articles where id = {_articleId}"))! >= _savedVersion, "an acknowledged save is gone");
            Assert.Equal((long)_media.Distinct().Count(), await ScalarAsync(connection, $"select count(*) from media where name in ({string.Join(',', _media.Distinct().Select(name => $"'{name}'"))})"));
        }

        await using var restarted = GazetteProcess.Start(_folder, NoLimits, "serve", "--urls", "http://127.0.0.1:0");
        using var again = Client(new Uri(await restarted.WaitUntilListeningAsync()));
        using (var health = await again.GetAsync(new Uri("/healthz", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }
        foreach (var name in _media.Distinct())
        {
            using var served = await again.GetAsync(new Uri("/media/" + name, UriKind.Relative));
            Assert.True(served.StatusCode == HttpStatusCode.OK, $"the acknowledged upload {name} is not served after the restart");
        }
        using var afterwards = await PostCommentAsync(again, "Posted after the restart", "after@example.org");
        Assert.Equal(HttpStatusCode.SeeOther, afterwards.StatusCode);
    }

    private async Task CommentsAsync(HttpClient http, int worker)
    {
        for (var i = 0; !Volatile.Read(ref _killed); i++)
        {
            var sent = await InFlightAsync(() => PostCommentAsync(http, $"Crash {worker}-{i} {Guid.NewGuid():N}", $"crash-{worker}-{i}@example.org"));
            if (sent is null)
            {
                return;
            }
            using (sent)
            {
                Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode);
                _comments.Add(long.Parse(CommentAnchor().Match(sent.Headers.Location!.OriginalString).Groups[1].Value, CultureInfo.InvariantCulture));
            }
        }
    }

    /// <summary>One editor saves new versions one after another; each 302 acknowledges the version after the one it was based on.</summary>
    private async Task SavesAsync(HttpClient http, string token)
    {
        while (!Volatile.Read(ref _killed))
        {
            var version = Volatile.Read(ref _savedVersion);
            var sent = await InFlightAsync(() => http.PostAsync(new Uri($"/admin/articles/{_articleId}?handler=save", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Title"] = $"Crash trial story, version {version + 1}",
                ["BodyMarkdown"] = $"Version {version + 1}.",
                ["CommentStatus"] = "open",
                ["BaseVersion"] = version.ToString(CultureInfo.InvariantCulture),
                ["__RequestVerificationToken"] = token,
            })));
            if (sent is null)
            {
                return;
            }
            using (sent)
            {
                Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
                Volatile.Write(ref _savedVersion, version + 1);
            }
        }
    }

    private async Task UploadsAsync(HttpClient http, string token)
    {
        for (var i = 0; !Volatile.Read(ref _killed); i++)
        {
            using var form = new MultipartFormDataContent
            {
                { new ByteArrayContent(TestImages.Png(40 + i, 30)), "file", $"crash-{i}.png" },
                { new StringContent($"Crash trial image {i}"), "alt" },
            };
            using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/media") { Content = form };
            request.Headers.Add("RequestVerificationToken", token);
            request.Headers.Accept.ParseAdd("application/json");
            var sent = await InFlightAsync(() => http.SendAsync(request));
            if (sent is null)
            {
                return;
            }
            using (sent)
            {
                Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
                var body = await sent.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
                _media.Add(body.GetProperty("name").GetString()!);
            }
        }
    }

    /// <summary>The response, counted as in flight until it is back; null once the server is gone.</summary>
    private async Task<HttpResponseMessage?> InFlightAsync(Func<Task<HttpResponseMessage>> send)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            return await send();
        }
        catch (HttpRequestException)
        {
            return null;
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private static HttpClient Client(Uri address) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = address };

    /// <summary>Signs in through the login form; the antiforgery token of the signed-in session, for every later form.</summary>
    private static async Task<string> SignInAsync(HttpClient http)
    {
        var login = await TokenAsync(http, "/admin/login");
        using var signedIn = await http.PostAsync(new Uri("/admin/login", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["login"] = "crash",
            ["password"] = Password,
            ["__RequestVerificationToken"] = login,
        }));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return await TokenAsync(http, "/admin/articles/new");
    }

    private static async Task<(long Id, int Version)> PublishAsync(HttpClient http, string token)
    {
        using var published = await http.PostAsync(new Uri("/admin/articles/new?handler=publish", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Title"] = "Crash trial story",
            ["BodyMarkdown"] = "The first version.",
            ["CommentStatus"] = "open",
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var id = long.Parse(published.Headers.Location!.OriginalString.Split('/')[^1], CultureInfo.InvariantCulture);
        var page = await http.GetStringAsync(new Uri($"/admin/articles/{id}", UriKind.Relative));
        return (id, int.Parse(BaseVersion().Match(page).Groups[1].Value, CultureInfo.InvariantCulture));
    }

    private static async Task<string> TokenAsync(HttpClient http, string page)
    {
        var html = await http.GetStringAsync(new Uri(page, UriKind.Relative));
        var match = TokenPattern().Match(html);
        Assert.True(match.Success, $"{page} has no antiforgery token");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    private static async Task<HttpResponseMessage> PostCommentAsync(HttpClient http, string text, string email) =>
        await http.PostAsync(new Uri("/comments/", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["comment_post_ID"] = "1",
            ["comment_parent"] = "0",
            ["author"] = "Jane Reader",
            ["email"] = email,
            ["comment"] = text,
        }));

    private static async Task<object?> ScalarAsync(Microsoft.Data.Sqlite.SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    [GeneratedRegex("#comment-([0-9]+)$")]
    private static partial Regex CommentAnchor();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("name=\"BaseVersion\" value=\"([0-9]+)\"")]
    private static partial Regex BaseVersion();
}
