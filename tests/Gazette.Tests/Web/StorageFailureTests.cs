using System.Net;
using Dapper;
using Gazette.Comments;
using Gazette.Storage;
using Gazette.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Gazette.Tests.Web;

/// <summary>
/// Storage that fails for real, and what readers get meanwhile: a comment that
/// cannot be saved is a 503 with Retry-After and the comment still in the form;
/// reads go on; /healthz says so; and the site recovers by itself when the
/// storage is back. The failures are real ones: SQLite's write lock held by
/// another connection past the busy timeout, a PostgreSQL database turned
/// read-only, and the PostgreSQL server cut off (a relay in front of it stopped).
/// </summary>
public static class StorageFailureAssertions
{
    public static async Task AssertNotSavedWithTheCommentKeptAsync(HttpResponseMessage response, string text)
    {
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(60), response.Headers.RetryAfter?.Delta);
        Assert.Contains(WebUtility.HtmlEncode(CommentEndpoints.NotSavedMessage), html, StringComparison.Ordinal);
        Assert.Contains($">{text}</textarea>", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Jane Reader\"", html, StringComparison.Ordinal);
        Assert.True(response.Headers.Contains("Content-Security-Policy"));
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    /// <summary>/healthz's status code, its overall status and the database check's reason.</summary>
    public static async Task<(HttpStatusCode Status, string Overall, string Database)> HealthAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = body.RootElement;
        var database = root.GetProperty("checks").GetProperty("database");
        return (response.StatusCode, root.GetProperty("status").GetString()!,
            $"{database.GetProperty("status").GetString()}: {database.GetProperty("description").GetString()}");
    }
}

public sealed class StorageFailureTestsOnSqlite(SqliteProvider provider) : CommentTestBase<SqliteProvider>(provider)
{
    /// <summary>The home page is not in this host's cache yet: reading it reads the database.</summary>
    [Fact]
    public async Task WhileAnotherProcessHoldsTheWriteLockCommentsAre503AndReadsGoOn()
    {
        await GetAsync(Article);
        await using var holder = new SqliteConnection($"Data Source={((SqliteUrl)DatabaseUrl.Parse(Provider.Setting)).Path}");
        await holder.OpenAsync();
        await using (var hold = await holder.BeginTransactionAsync())
        {
            var text = $"Held back {Guid.NewGuid():N}";
            using var refused = await PostCommentAsync(Fields(text));
            await StorageFailureAssertions.AssertNotSavedWithTheCommentKeptAsync(refused, text);
            Assert.Equal(HttpStatusCode.OK, (await GetAsync(Article)).Status);
            Assert.Equal(HttpStatusCode.OK, (await GetAsync("/")).Status);
            var health = await StorageFailureAssertions.HealthAsync(Client);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.Status);
            Assert.Equal("Degraded", health.Overall);
            Assert.StartsWith("Degraded: ", health.Database, StringComparison.Ordinal);
            Assert.Contains("writes fail", health.Database, StringComparison.Ordinal);
            Assert.Equal(0, await holder.ExecuteScalarAsync<int>("select count(*) from comments where body_source = @text", new { text }));
        }

        using var accepted = await PostCommentAsync(Fields($"Back again {Guid.NewGuid():N}"));
        Assert.Equal(HttpStatusCode.SeeOther, accepted.StatusCode);
        await Wait.UntilAsync(async () => (await StorageFailureAssertions.HealthAsync(Client)).Status == HttpStatusCode.OK);
    }
}

public sealed class StorageFailureTestsOnPostgres(PostgresProvider provider) : CommentTestBase<PostgresProvider>(provider)
{
    private TcpRelay? _relay;

    /// <summary>The site reaches PostgreSQL through a relay the test can stop, as if the server went down.</summary>
    protected override void Configure(Dictionary<string, string?> settings)
    {
        var url = new Uri(Provider.Setting);
        _relay = new TcpRelay(new IPEndPoint(IPAddress.Parse(url.Host), url.Port));
        settings["Gazette:Database"] = new UriBuilder(url) { Port = _relay.Port }.Uri.ToString();
    }

    [Fact]
    public async Task WhileTheServerIsDownCachedPagesAreServedEverythingElseIs503AndTheSiteRecovers()
    {
        await GetAsync(Article);
        await _relay!.StopAsync();

        var cached = await GetAsync(Article);
        var uncached = await GetAsync("/");
        var text = $"Server down {Guid.NewGuid():N}";
        using var refused = await PostCommentAsync(Fields(text));
        var health = await StorageFailureAssertions.HealthAsync(Client);

        Assert.Equal(HttpStatusCode.OK, cached.Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, uncached.Status);
        Assert.Equal(TimeSpan.FromSeconds(60), uncached.Response.Headers.RetryAfter?.Delta);
        Assert.Contains("This page cannot be shown right now. Please try again in a minute.", uncached.Html, StringComparison.Ordinal);
        await StorageFailureAssertions.AssertNotSavedWithTheCommentKeptAsync(refused, text);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.Status);
        Assert.Equal("Unhealthy", health.Overall);
        Assert.StartsWith("Unhealthy: ", health.Database, StringComparison.Ordinal);

        _relay.Start();
        await Wait.UntilAsync(async () => (await StorageFailureAssertions.HealthAsync(Client)).Status == HttpStatusCode.OK);
        using var accepted = await PostCommentAsync(Fields(text));
        Assert.Equal(HttpStatusCode.SeeOther, accepted.StatusCode);
        await _relay.DisposeAsync();
    }

    [Fact]
    public async Task WhileTheDatabaseIsReadOnlyCommentsAre503AndReadsGoOn()
    {
        var name = new Uri(Provider.Setting).AbsolutePath.Trim('/');
        await SetReadOnlyAsync(name, true);
        try
        {
            var text = $"Read-only {Guid.NewGuid():N}";
            using var refused = await PostCommentAsync(Fields(text));
            await StorageFailureAssertions.AssertNotSavedWithTheCommentKeptAsync(refused, text);
            // A pooled session the server ended fails once and is dropped; reads then go on.
            await Wait.UntilAsync(async () => (await GetAsync("/")).Status == HttpStatusCode.OK);
            var health = await StorageFailureAssertions.HealthAsync(Client);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.Status);
            Assert.Equal("Degraded", health.Overall);
            Assert.StartsWith("Degraded: ", health.Database, StringComparison.Ordinal);
        }
        finally
        {
            await SetReadOnlyAsync(name, false);
        }

        await Wait.UntilAsync(async () =>
        {
            using var accepted = await PostCommentAsync(Fields($"Writable again {Guid.NewGuid():N}"));
            return accepted.StatusCode == HttpStatusCode.SeeOther;
        });
        await Wait.UntilAsync(async () => (await StorageFailureAssertions.HealthAsync(Client)).Status == HttpStatusCode.OK);
        await _relay!.DisposeAsync();
    }

    /// <summary>New transactions of the database start read-only; open sessions are ended so none keeps the old default.</summary>
    private static async Task SetReadOnlyAsync(string database, bool readOnly)
    {
        await using var admin = new NpgsqlConnection(PostgresUrl.FromUri(PostgresServer.AdminUrl).ConnectionString);
        await admin.OpenAsync();
        await admin.ExecuteAsync(readOnly
            ? $"alter database \"{database}\" set default_transaction_read_only = on"
            : $"alter database \"{database}\" reset default_transaction_read_only");
        await admin.ExecuteAsync("select pg_terminate_backend(pid) from pg_stat_activity where datname = @database and pid <> pg_backend_pid()", new { database });
    }
}
