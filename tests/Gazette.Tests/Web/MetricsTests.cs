using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Gazette.Comments;
using Gazette.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Web;

/// <summary>
/// /metrics through the real host: after real requests it carries them per
/// route group (never by path), the page cache's hits and misses, the comments
/// waiting for a moderator, the database's connections and the runtime's
/// figures; and it answers only the callers <c>MetricsAccess</c> admits.
/// </summary>
public abstract class MetricsTests<TProvider>(TProvider provider) : CommentTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    private const string Token = "scrape-token-for-tests";

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Gazette:Metrics:Networks"] = "10.20.0.0/16, fd00:20::/32";
        settings["Gazette:Metrics:Token"] = Token;
        Factory.ClientAddress = IPAddress.Loopback;
    }

    /// <summary>The database's connection figures: SQLite's write turn, or Npgsql's pool.</summary>
    protected abstract string ConnectionMetric { get; }

    [Fact]
    public async Task RequestsAreCountedPerRouteGroupAndNeverByPath()
    {
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(Article)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync($"/no-such-page-{Guid.NewGuid():N}/")).Status);
        using (var health = await Client.GetAsync(new Uri("/healthz", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        var metrics = "";
        await Wait.UntilAsync(async () =>
        {
            metrics = await ScrapeAsync();
            return Duration(metrics).Any(line => line.Contains("gazette_route_group=\"public\"", StringComparison.Ordinal) && line.Contains("http_response_status_code=\"404\"", StringComparison.Ordinal))
                && Duration(metrics).Any(line => line.Contains("gazette_route_group=\"public_api\"", StringComparison.Ordinal) && line.Contains("http_route=\"/healthz\"", StringComparison.Ordinal));
        });

        Assert.Contains(Duration(metrics), line => line.Contains("gazette_route_group=\"public\"", StringComparison.Ordinal) && line.Contains("http_response_status_code=\"200\"", StringComparison.Ordinal));
        Assert.Contains("http_server_request_duration_seconds_bucket{", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain(Article, metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("no-such-page", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACachedPageRequestedTwiceIsAMissThenAHit()
    {
        var before = await ScrapeAsync();
        var (hits, misses) = (Value(before, "gazette_page_cache_hits_total"), Value(before, "gazette_page_cache_misses_total"));

        var first = await GetAsync(Article);
        var second = await GetAsync(Article);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Null(first.Response.Headers.Age);
        Assert.NotNull(second.Response.Headers.Age);
        var after = "";
        await Wait.UntilAsync(async () =>
        {
            after = await ScrapeAsync();
            return Value(after, "gazette_page_cache_hits_total") >= hits + 1;
        });
        Assert.True(Value(after, "gazette_page_cache_misses_total") >= misses + 1, "the first request was not counted as a miss");
    }

    [Fact]
    public async Task CommentsWaitingForAModeratorAreAGauge()
    {
        using var held = await PostCommentAsync(Fields($"Held for a moderator {Guid.NewGuid():N}"));
        Assert.Equal(HttpStatusCode.SeeOther, held.StatusCode);
        var pending = await Factory.Services.GetRequiredService<ModerationStore>().PendingCountAsync();

        var metrics = await ScrapeAsync();

        Assert.True(pending > 0, "a first comment was not held");
        Assert.Equal(pending, Value(metrics, "gazette_comments_pending"));
    }

    [Fact]
    public async Task TheDatabaseConnectionsAndTheRuntimeAreMeasured()
    {
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/")).Status);

        var metrics = await ScrapeAsync();

        Assert.Matches(ConnectionMetric, metrics);
        Assert.Contains("dotnet_gc_collections_total{", metrics, StringComparison.Ordinal);
        Assert.Contains("dotnet_process_memory_working_set_bytes{", metrics, StringComparison.Ordinal);
        Assert.Contains("dotnet_gc_last_collection_heap_size_bytes{", metrics, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("203.0.113.9", null, null, HttpStatusCode.Forbidden)]
    [InlineData("127.0.0.1", "198.51.100.7", null, HttpStatusCode.Forbidden)]
    [InlineData("10.20.3.4", null, null, HttpStatusCode.OK)]
    [InlineData("fd00:20::5", null, null, HttpStatusCode.OK)]
    [InlineData("203.0.113.9", null, Token, HttpStatusCode.OK)]
    [InlineData("127.0.0.1", "198.51.100.7", Token, HttpStatusCode.OK)]
    [InlineData("203.0.113.9", null, "a-wrong-token", HttpStatusCode.Forbidden)]
    public async Task OnlyTheMachineConfiguredNetworksOrTheTokenMayRead(string caller, string? forwardedFor, string? bearer, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Add(GazetteFactory.ClientAddressHeader, caller);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        using var response = await Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK)
        {
            Assert.Contains("# TYPE ", body, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain("# TYPE", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task WithMetricsOffThereIsNoEndpointAndNothingIsRecorded()
    {
        await using var off = new GazetteFactory(Provider) { ClientAddress = IPAddress.Loopback };
        off.Settings["Gazette:Metrics:Enabled"] = "false";
        using var client = off.CreateClient();

        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(off.Services.GetService<OpenTelemetry.Metrics.MeterProvider>());
    }

    private async Task<string> ScrapeAsync()
    {
        using var response = await Client.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.Age);
        return await response.Content.ReadAsStringAsync();
    }

    private static IEnumerable<string> Duration(string metrics) =>
        metrics.Split('\n').Where(line => line.StartsWith("http_server_request_duration_seconds_count{", StringComparison.Ordinal));

    /// <summary>The value of a metric without labels of its own (the scope's only), or 0 when absent.</summary>
    private static double Value(string metrics, string name)
    {
        var match = Regex.Match(metrics, $@"^{Regex.Escape(name)}\{{[^}}]*\}} (\S+)", RegexOptions.Multiline);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }
}

[Collection(MetricsRunAlone.Name)]
public sealed class MetricsTestsOnSqlite(SqliteProvider provider) : MetricsTests<SqliteProvider>(provider)
{
    protected override string ConnectionMetric => @"(?m)^gazette_sqlite_writers\{[^}]*\} \d+";
}

[Collection(MetricsRunAlone.Name)]
public sealed class MetricsTestsOnPostgres(PostgresProvider provider) : MetricsTests<PostgresProvider>(provider)
{
    protected override string ConnectionMetric => @"(?m)^db_client_connection[a-z_]*\{[^}]*\} \d+";
}
