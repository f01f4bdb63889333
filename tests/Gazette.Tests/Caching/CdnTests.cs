using System.Text.Json;
using Gazette.Events;
using Gazette.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Caching;

/// <summary>
/// What sits in front: pages name their cache tags for a CDN and how long a
/// shared cache may keep them, and the event log's purge subscriber sends the
/// tags an event touched to the configured endpoint (a loopback receiver here).
/// On both databases.
/// </summary>
public abstract class CdnTests<TProvider>(TProvider provider) : SiteTestBase<TProvider>(provider), IAsyncLifetime
    where TProvider : DatabaseProvider
{
    private PurgeReceiver _receiver = null!;

    protected virtual string PurgeStyle => "SurrogateKey";

    async Task IAsyncLifetime.InitializeAsync()
    {
        _receiver = await PurgeReceiver.StartAsync();
        await InitializeAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _receiver.DisposeAsync();
    }

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Gazette:Cdn:PurgeUrl"] = _receiver.Url;
        settings["Gazette:Cdn:PurgeStyle"] = PurgeStyle;
        settings["Gazette:Cdn:PurgeHeaders:Fastly-Key"] = "purge-secret";
    }

    [Fact]
    public async Task APageNamesItsTagsAndLetsASharedCacheKeepItWhilePurgesReachIt()
    {
        var story = await PublishAsync(Story(Unique("Harbour reopens"), tags: ["harbour"]));
        var path = TestLinks.Of(story);

        var (_, _, miss) = await GetAsync(path);
        var (_, _, hit) = await GetAsync(path);

        foreach (var response in new[] { miss, hit })
        {
            var keys = response.Headers.GetValues("Surrogate-Key").Single().Split(' ');
            Assert.Contains($"article:{story.Id}", keys);
            Assert.Contains("site", keys);
            Assert.Equal(keys, response.Headers.GetValues("Cache-Tag").Single().Split(','));
            Assert.Contains("s-maxage=600", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
            Assert.Contains("stale-while-revalidate", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        }
        Assert.NotNull(hit.Headers.Age);
    }

    [Fact]
    public async Task PublishingPurgesTheTagsTheSitesOwnCacheEvicts()
    {
        var story = await PublishAsync(Story(Unique("Bridge closes"), tags: ["bridges"]));

        var purge = await PurgeNamingAsync($"article:{story.Id}");

        Assert.Equal("purge-secret", purge.Headers["Fastly-Key"]);
        Assert.Contains("home", Tags(purge));
    }

    [Fact]
    public async Task APurgeTheCdnRefusesIsSentAgain()
    {
        _receiver.Status = 503;
        var story = await PublishAsync(Story(Unique("Ferry delayed")));
        var tag = $"article:{story.Id}";
        // Runs until two purges were refused: the first event the CDN refuses (the story's, or one
        // before it) is sent again at each run and holds back the events after it.
        await Wait.UntilAsync(async () =>
        {
            await RunRefusedAsync();
            return _receiver.Purges.Count >= 2;
        });
        await RunRefusedAsync();
        var refused = _receiver.Purges.ToList();
        Assert.Contains(refused.GroupBy(p => string.Join(' ', Tags(p))), sent => sent.Count() >= 2);

        _receiver.Status = 200;

        await Wait.UntilAsync(async () =>
        {
            await Pump.RunAsync(CancellationToken.None);
            return _receiver.Purges.Skip(refused.Count).Any(p => Tags(p).Contains(tag));
        });
        Assert.Single(_receiver.Purges.Skip(refused.Count), p => Tags(p).Contains(tag));
        await Pump.RunAsync(CancellationToken.None);
        Assert.Single(_receiver.Purges.Skip(refused.Count), p => Tags(p).Contains(tag));
    }

    /// <summary>A run of the pump while the CDN refuses: it fails at the first purge it sends, if it has one to send yet.</summary>
    private async Task RunRefusedAsync()
    {
        try
        {
            await Pump.RunAsync(CancellationToken.None);
        }
        catch (HttpRequestException)
        {
        }
    }

    /// <summary>
    /// The purge naming <paramref name="tag"/>, once the pump has read its event: on PostgreSQL an event
    /// is read only after every transaction begun before its own has ended, other test classes' included.
    /// </summary>
    protected async Task<(string Method, Dictionary<string, string> Headers, string Body)> PurgeNamingAsync(string tag)
    {
        await Wait.UntilAsync(async () =>
        {
            await Pump.RunAsync(CancellationToken.None);
            return _receiver.Purges.Any(p => Tags(p).Contains(tag));
        });
        return Assert.Single(_receiver.Purges, p => Tags(p).Contains(tag));
    }

    private ClusterEventPump Pump => Factory.Services.GetRequiredService<ClusterEventPump>();

    protected virtual string[] Tags((string Method, Dictionary<string, string> Headers, string Body) purge) =>
        purge.Headers.TryGetValue("Surrogate-Key", out var keys) ? keys.Split(' ') : [];

    private static string Unique(string text) => $"{text} {Guid.NewGuid():N}"[..(text.Length + 9)];
}

public sealed class CdnTestsOnSqlite(SqliteProvider provider) : CdnTests<SqliteProvider>(provider);

public sealed class CdnTestsOnPostgres(PostgresProvider provider) : CdnTests<PostgresProvider>(provider);

/// <summary>Cloudflare's shape: the tags in a JSON body.</summary>
public sealed class CdnJsonPurgeTests(SqliteProvider provider) : CdnTests<SqliteProvider>(provider)
{
    protected override string PurgeStyle => "Json";

    protected override string[] Tags((string Method, Dictionary<string, string> Headers, string Body) purge) =>
        purge.Body.Length == 0 ? [] : [.. JsonDocument.Parse(purge.Body).RootElement.GetProperty("tags").EnumerateArray().Select(tag => tag.GetString()!)];
}
