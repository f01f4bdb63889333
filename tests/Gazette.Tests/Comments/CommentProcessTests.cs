using System.Net;
using System.Text.RegularExpressions;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Comments;

/// <summary>The real executable: moderation from the command line while the site runs, and a kill -9 in the middle of a burst of comments.</summary>
public sealed partial class CommentProcessTests : IDisposable
{
    private const string Article = CommentTestBase<SqliteProvider>.Article;

    private static readonly Dictionary<string, string> NoLimits = new()
    {
        ["Gazette__Discussion__FloodSeconds"] = "0",
        ["Gazette__Discussion__MinFillSeconds"] = "0",
    };

    private readonly string _folder = Directory.CreateTempSubdirectory("gazette-comments-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task ApprovingFromTheCommandLineShowsTheCommentOnTheRunningSite()
    {
        await using var server = GazetteProcess.Start(_folder, NoLimits, "serve", "--urls", "http://127.0.0.1:0");
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(await server.WaitUntilListeningAsync()) };
        await http.GetStringAsync(new Uri(Article, UriKind.Relative));
        using var posted = await PostAsync(http, "Approve me from the shell", "shell@example.org");
        var id = IdOf(posted);

        var list = await GazetteProcess.RunAsync(_folder, null, "comments", "list", "--status", "pending");
        var approve = await GazetteProcess.RunAsync(_folder, null, "comments", "approve", id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(0, list.ExitCode);
        Assert.Matches($"(?m)^{id}\tpending\t.*\tJane Reader\tApprove me from the shell\t\\(the author has no approved comment yet\\)$", list.Stdout);
        Assert.DoesNotContain("shell@example.org", list.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, approve.ExitCode);
        await Wait.UntilAsync(async () => (await http.GetStringAsync(new Uri(Article, UriKind.Relative))).Contains("Approve me from the shell", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheCommandLineNamesBadIdsAndChangesNothing()
    {
        var migrate = await GazetteProcess.RunAsync(_folder, null, "migrate");
        var missing = await GazetteProcess.RunAsync(_folder, null, "comments", "spam", "4242");
        var notANumber = await GazetteProcess.RunAsync(_folder, null, "comments", "trash", "abc");
        var badStatus = await GazetteProcess.RunAsync(_folder, null, "comments", "list", "--status", "lost");

        Assert.Equal(0, migrate.ExitCode);
        Assert.Equal((1, "gazette: There is no comment 4242; nothing was changed."), (missing.ExitCode, missing.Stderr.Trim()));
        Assert.Equal((2, "gazette: 'abc' is not a comment id (a positive number)."), (notANumber.ExitCode, notANumber.Stderr.Split('\n')[0]));
        Assert.Equal(2, badStatus.ExitCode);
    }

    [Fact]
    public async Task PersonalDataIsExportedAnonymizedAndErasedFromTheCommandLineOnTheAuditTrail()
    {
        long approved;
        await using (var server = GazetteProcess.Start(_folder, NoLimits, "serve", "--urls", "http://127.0.0.1:0"))
        {
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(await server.WaitUntilListeningAsync()) };
            using var first = await PostAsync(http, "Private first", "private@example.org", forwardedFor: "203.0.113.77");
            using var second = await PostAsync(http, "Private second", "private@example.org");
            using var other = await PostAsync(http, "Someone else entirely", "other@example.org");
            approved = IdOf(first);
        }
        var file = Path.Combine(_folder, "export.json");

        var approve = await GazetteProcess.RunAsync(_folder, null, "comments", "approve", approved.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var export = await GazetteProcess.RunAsync(_folder, null, "comments", "export-personal", "Private@Example.org", "--output", file);
        var exportAgain = await GazetteProcess.RunAsync(_folder, null, "comments", "export-personal", "private@example.org", "--output", file);
        var toStdout = await GazetteProcess.RunAsync(_folder, null, "comments", "export-personal", "other@example.org");
        var anonymize = await GazetteProcess.RunAsync(_folder, null, "comments", "erase-personal", "private@example.org");
        var delete = await GazetteProcess.RunAsync(_folder, null, "comments", "erase-personal", "other@example.org", "--delete-comments");
        var invalid = await GazetteProcess.RunAsync(_folder, null, "comments", "erase-personal", "not-an-email");
        var list = await GazetteProcess.RunAsync(_folder, null, "comments", "list");

        Assert.Equal((0, $"2 comments exported to {file}"), (export.ExitCode, export.Stdout.Trim()));
        using (var json = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(file)))
        {
            var comments = json.RootElement.GetProperty("comments").EnumerateArray().ToList();
            Assert.Equal(["Private first", "Private second"], comments.Select(comment => comment.GetProperty("text").GetString()));
            Assert.Equal("203.0.113.77", comments[0].GetProperty("ip").GetString());
        }
        Assert.Equal(System.IO.UnixFileMode.UserRead | System.IO.UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal(1, exportAgain.ExitCode);
        Assert.Contains("Someone else entirely", toStdout.Stdout, StringComparison.Ordinal);
        Assert.Equal((0, "2 comments anonymized"), (anonymize.ExitCode, anonymize.Stdout.Trim()));
        Assert.Equal((0, "1 comment deleted"), (delete.ExitCode, delete.Stdout.Trim()));
        Assert.Equal((1, "gazette: This is not an email address (name@example.org). Nothing was changed."), (invalid.ExitCode, invalid.Stderr.Trim()));
        Assert.Equal(2, Regex.Count(list.Stdout, "\tAnonymous\tPrivate "));
        Assert.DoesNotContain("Someone else entirely", list.Stdout, StringComparison.Ordinal);
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_folder, "data", "gazette.db")};Pooling=False");
        await connection.OpenAsync();
        using var read = connection.CreateCommand();
        read.CommandText = "select user_name || ' ' || action || ' ' || subject_kind || ' ' || detail from audit order by id";
        var trail = new List<string>();
        await using (var rows = await read.ExecuteReaderAsync())
        {
            while (await rows.ReadAsync())
            {
                trail.Add(rows.GetString(0));
            }
        }
        Assert.Equal(
        [
            "command line comment.approved comment from pending",
            "command line personal_data.exported person 2 comments",
            "command line personal_data.exported person 1 comment",
            "command line personal_data.anonymized person 2 comments",
            "command line personal_data.erased person 1 comment",
        ], trail);
        using var emails = connection.CreateCommand();
        emails.CommandText = "select count(*) from audit where subject_id like '%@%' or detail like '%@%'";
        Assert.Equal(0L, await emails.ExecuteScalarAsync());
    }

    [Fact]
    public async Task EveryAcknowledgedCommentSurvivesAKill9InTheMiddleOfABurst()
    {
        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<(long Id, string Location, string Text)>();
        var sending = 0;
        var inFlightAtKill = 0;
        var killed = false;
        await using (var server = GazetteProcess.Start(_folder, NoLimits, "serve", "--urls", "http://127.0.0.1:0"))
        {
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(await server.WaitUntilListeningAsync()) };
            // Six writers post without pause until the server dies under them; a comment counts only once its 303 is back.
            var writers = Enumerable.Range(0, 6).Select(worker => Task.Run(async () =>
            {
                for (var i = 0; !Volatile.Read(ref killed); i++)
                {
                    var text = $"Burst {worker}-{i} {Guid.NewGuid():N}";
                    Interlocked.Increment(ref sending);
                    try
                    {
                        using var response = await PostAsync(http, text, $"burst-{worker}-{i}@example.org");
                        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
                        acknowledged.Add((IdOf(response), response.Headers.Location!.OriginalString, text));
                    }
                    catch (HttpRequestException)
                    {
                        return;
                    }
                    finally
                    {
                        Interlocked.Decrement(ref sending);
                    }
                }
            })).ToList();
            await Wait.UntilAsync(() => Task.FromResult(acknowledged.Count >= 40 || writers.Any(writer => writer.IsCompleted)));
            inFlightAtKill = Volatile.Read(ref sending);
            Volatile.Write(ref killed, true);
            server.Kill();
            await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(60));
        }

        // Writes were under way when it died: the kill came in the burst, not after it.
        Assert.True(inFlightAtKill > 0, "no request was in flight when the server was killed");
        Assert.True(acknowledged.Count >= 40, $"only {acknowledged.Count} comments were acknowledged before the kill");
        var file = Path.Combine(_folder, "data", "gazette.db");
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await connection.OpenAsync();
            using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", await check.ExecuteScalarAsync());
            using var count = connection.CreateCommand();
            count.CommandText = "select count(*) from comments where id in (" + string.Join(',', acknowledged.Select(comment => comment.Id)) + ")";
            Assert.Equal((long)acknowledged.Count, await count.ExecuteScalarAsync());
        }

        await using var restarted = GazetteProcess.Start(_folder, NoLimits, "serve", "--urls", "http://127.0.0.1:0");
        using var again = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(await restarted.WaitUntilListeningAsync()) };
        foreach (var (id, location, text) in acknowledged)
        {
            var page = await again.GetStringAsync(new Uri(location.Split('#')[0], UriKind.Relative));
            Assert.True(page.Contains(text, StringComparison.Ordinal), $"comment {id} was acknowledged but is gone");
        }
        using var afterwards = await PostAsync(again, "Posted after the restart", "after-restart@example.org");
        Assert.Equal(HttpStatusCode.SeeOther, afterwards.StatusCode);
    }

    [Fact]
    public async Task BehindALocalProxyFloodControlTellsReadersApartByTheirForwardedAddress()
    {
        await using var server = GazetteProcess.Start(_folder, "serve", "--urls", "http://127.0.0.1:0");
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(await server.WaitUntilListeningAsync()) };

        using var first = await PostAsync(http, "From the first reader", "first@example.org", forwardedFor: "203.0.113.5");
        using var second = await PostAsync(http, "From the second reader", "second@example.org", forwardedFor: "203.0.113.6");
        using var firstAgain = await PostAsync(http, "The first reader again", "first-other@example.org", forwardedFor: "203.0.113.5");

        Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, firstAgain.StatusCode);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string text, string email, string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/comments/")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["comment_post_ID"] = "1",
                ["comment_parent"] = "0",
                ["author"] = "Jane Reader",
                ["email"] = email,
                ["comment"] = text,
            }),
        };
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }
        return await http.SendAsync(request);
    }

    private static long IdOf(HttpResponseMessage response) =>
        long.Parse(CommentAnchor().Match(response.Headers.Location!.OriginalString).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex("#comment-([0-9]+)$")]
    private static partial Regex CommentAnchor();
}
