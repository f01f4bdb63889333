using System.Globalization;
using Dapper;
using Gazette.Storage;
using Microsoft.AspNetCore.OutputCaching;

namespace Gazette.Caching;

/// <summary>
/// Output-cache tags name what a cached page shows, so a change evicts exactly
/// the pages that show it.
/// </summary>
public static class CacheTags
{
    /// <summary>Everything carrying the masthead (the section navigation): every page.</summary>
    public const string Site = "site";
    public const string Home = "home";

    public static string Article(long id) => string.Create(CultureInfo.InvariantCulture, $"article:{id}");

    public static string Section(long id) => string.Create(CultureInfo.InvariantCulture, $"section:{id}");

    public static string Tag(long id) => string.Create(CultureInfo.InvariantCulture, $"tag:{id}");
}

/// <summary>
/// Evicts cached pages here at once, and records the eviction in the database
/// so that every other process on it (the CLI's approvals reach a running
/// server this way; so do other nodes) evicts too: <see cref="CacheEvictionListener"/>.
/// </summary>
public sealed class PageCache(IOutputCacheStore store, Database database, TimeProvider time, ILogger<PageCache> logger)
{
    /// <summary>Who evicted, recorded for whoever reads the table while debugging.</summary>
    private static readonly string Origin = $"{Environment.MachineName}:{Environment.ProcessId}";

    public async Task EvictAsync(IEnumerable<string> tags, CancellationToken cancellationToken = default)
    {
        var distinct = tags.Distinct(StringComparer.Ordinal).ToList();
        await EvictHereAsync(distinct, cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "insert into cache_evictions (tag, origin, created_at) values (@tag, @Origin, @now)",
            distinct.Select(tag => new { tag, Origin, now = time.GetUtcNow() }),
            cancellationToken: cancellationToken));
    }

    private long _epoch;

    /// <summary>Counts evictions in this process; a page rendered while it moved may show what was just evicted.</summary>
    public long Epoch => Interlocked.Read(ref _epoch);

    public async Task EvictHereAsync(IEnumerable<string> tags, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _epoch);
        foreach (var tag in tags)
        {
            await store.EvictByTagAsync(tag, cancellationToken);
            logger.LogDebug("Evicted cached pages tagged {Tag}", tag);
        }
    }

    /// <summary>Tags the page being rendered, when the output cache is handling this request.</summary>
    public static void Tag(HttpContext context, params IEnumerable<string> tags)
    {
        if (context.Features.Get<IOutputCacheFeature>()?.Context is { } cache)
        {
            foreach (var tag in tags)
            {
                cache.Tags.Add(tag);
            }
        }
    }
}
