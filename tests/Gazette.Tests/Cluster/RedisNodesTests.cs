using System.Net;
using Dapper;
using Gazette.Events;
using Gazette.Storage;
using Gazette.Settings.Contracts;
using Gazette.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Gazette.Tests.Cluster;

/// <summary>
/// Nodes of one site sharing Redis, each a host on a test server over one
/// PostgreSQL database: announcements wake the other node's pump, rate limits
/// count across nodes, and a Redis outage leaves nodes serving, in rotation and
/// degraded, until Redis returns.
/// </summary>
public sealed class RedisNodesTests(PostgresProvider provider) : IClassFixture<PostgresProvider>, IAsyncLifetime
{
    private readonly TcpRelay _redis = new(RedisServer.EndPoint);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    /// <summary>
    /// The other node's clock never moves, so its poll never comes round: only
    /// the announcement can have made it read the log.
    /// </summary>
    [Fact]
    public async Task ASettingSavedOnOneNodeShowsOnAnotherWhosePollNeverComes()
    {
        await using var saving = Node(_redis);
        await using var other = Node(_redis);
        using var savingClient = saving.CreateClient();
        using var otherClient = other.CreateClient();
        Assert.DoesNotContain("The Harbour Herald", await otherClient.GetStringAsync("/"), StringComparison.Ordinal);
        await Wait.UntilAsync(async () => await HealthzReading.RedisHeardAsync(savingClient)
            && await HealthzReading.RedisHeardAsync(otherClient));

        await SetTitleAsync(saving, "The Harbour Herald");

        await Wait.UntilAsync(async () => (await otherClient.GetStringAsync("/")).Contains("The Harbour Herald", StringComparison.Ordinal));
    }

    /// <summary>
    /// PostgreSQL lets a reader take an event only once every older transaction has
    /// ended: the announcement arrives before the event can be read, and the other
    /// node, whose poll never comes, must keep reading until it can.
    /// </summary>
    [Fact]
    public async Task AnAnnouncedEventHeldBehindAnOlderOpenTransactionIsReadWhenThatTransactionEnds()
    {
        await using var saving = Node(_redis);
        await using var other = Node(_redis);
        using var savingClient = saving.CreateClient();
        using var otherClient = other.CreateClient();
        await Wait.UntilAsync(async () => await HealthzReading.RedisHeardAsync(savingClient)
            && await HealthzReading.RedisHeardAsync(otherClient));
        Assert.DoesNotContain("The Lighthouse Ledger", await otherClient.GetStringAsync("/"), StringComparison.Ordinal);

        await using var older = new NpgsqlConnection(((PostgresUrl)DatabaseUrl.Parse(provider.Setting)).ConnectionString);
        await older.OpenAsync();
        await using (var open = await older.BeginTransactionAsync())
        {
            await older.ExecuteScalarAsync("select pg_current_xact_id()", transaction: open);
            await SetTitleAsync(saving, "The Lighthouse Ledger");
            await Wait.UntilAsync(async () => (await savingClient.GetStringAsync("/")).Contains("The Lighthouse Ledger", StringComparison.Ordinal));
            Assert.DoesNotContain("The Lighthouse Ledger", await otherClient.GetStringAsync("/"), StringComparison.Ordinal);
            await open.CommitAsync();
        }

        await Wait.UntilAsync(async () => (await otherClient.GetStringAsync("/")).Contains("The Lighthouse Ledger", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReportsFromOneAddressCountOnEveryNode()
    {
        await using var first = Node(_redis);
        await using var second = Node(_redis);
        using var firstClient = first.CreateClient();
        using var secondClient = second.CreateClient();
        await Wait.UntilAsync(async () => await HealthzReading.RedisIsAsync(secondClient, "Healthy"));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            statuses.Add(await ReportAsync(i % 2 == 0 ? firstClient : secondClient, "203.0.113.7"));
        }

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.NotFound, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, await ReportAsync(secondClient, "203.0.113.7"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await ReportAsync(firstClient, "203.0.113.7"));
        Assert.Equal(HttpStatusCode.NotFound, await ReportAsync(firstClient, "203.0.113.8"));
    }

    [Fact]
    public async Task WithoutRedisEachNodeCountsReportsAlone()
    {
        var nowhere = RedisServer.Unreachable();
        await using var first = Node(nowhere);
        await using var second = Node(nowhere);
        using var firstClient = first.CreateClient();
        using var secondClient = second.CreateClient();

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, await ReportAsync(firstClient, "203.0.113.9"));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await ReportAsync(firstClient, "203.0.113.9"));
        Assert.Equal(HttpStatusCode.NotFound, await ReportAsync(secondClient, "203.0.113.9"));
    }

    [Fact]
    public async Task WhileRedisIsDownTheNodeServesStaysInRotationAndSaysDegradedThenRecovers()
    {
        await using var node = Node(_redis);
        using var client = node.CreateClient();
        await Wait.UntilAsync(async () => await HealthzReading.RedisIsAsync(client, "Healthy"));

        await _redis.StopAsync();

        await Wait.UntilAsync(async () => await HealthzReading.RedisIsAsync(client, "Degraded"));
        using (var health = await client.GetAsync("/healthz"))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Equal("Healthy", (await HealthzReading.CheckAsync(client, "database")).Status);
            Assert.Equal("Degraded", (await HealthzReading.CheckAsync(client, "redis")).Status);
        }
        using (var page = await client.GetAsync("/"))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, await ReportAsync(client, "203.0.113.10"));

        _redis.Start();

        await Wait.UntilAsync(async () => await HealthzReading.RedisIsAsync(client, "Healthy"));
        Assert.True(await HealthzReading.RedisHeardAsync(client));
    }

    [Fact]
    public async Task ANodeStartedWhileRedisIsDownServesAndSubscribesWhenItComes()
    {
        await _redis.StopAsync();
        await using var node = Node(_redis);
        using var client = node.CreateClient();

        using (var page = await client.GetAsync("/"))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }
        using (var health = await client.GetAsync("/healthz"))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Equal("Degraded", (await HealthzReading.CheckAsync(client, "redis")).Status);
        }

        _redis.Start();

        await Wait.UntilAsync(async () => await HealthzReading.RedisHeardAsync(client));
    }

    [Fact]
    public async Task WithoutRedisConfiguredHealthSaysSo()
    {
        await using var node = new GazetteFactory(provider);
        using var client = node.CreateClient();

        using var health = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(("Healthy", "not configured (Gazette:Redis): nodes share only the database"), await HealthzReading.CheckAsync(client, "redis"));
    }

    private static async Task SetTitleAsync(GazetteFactory node, string title)
    {
        await using var work = await node.Services.GetRequiredService<UnitsOfWork>().BeginAsync();
        await node.Services.GetRequiredService<ISettings>().SetAsync(work, "Gazette:Site:Title", title);
        await work.CommitAsync();
    }

    private GazetteFactory Node(TcpRelay redis) => Node($"127.0.0.1:{redis.Port}");

    private GazetteFactory Node(string redis)
    {
        var node = new GazetteFactory(provider);
        node.Settings["Gazette:Redis"] = redis;
        return node;
    }

    private static async Task<HttpStatusCode> ReportAsync(HttpClient client, string address)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/comments/987654/report");
        request.Headers.Add(GazetteFactory.ClientAddressHeader, address);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
