using Microsoft.AspNetCore.OutputCaching;

namespace Gazette.Caching;

/// <summary>
/// Output-cache tags name what a cached page shows, so a change evicts exactly
/// the pages that show it. Modules name their own tags (article:7,
/// discussion:7); this one is every page's.
/// </summary>
public static class CacheTags
{
    /// <summary>Everything carrying the masthead (the section navigation): every page.</summary>
    public const string Site = "site";
}

/// <summary>
/// This node's page cache. Modules evict from it in their node event handlers,
/// so a change evicts here at once and on every other node from the event log.
/// </summary>
public sealed class PageCache(IOutputCacheStore store, ILogger<PageCache> logger)
{
    private long _epoch;

    /// <summary>Counts evictions in this process; a page rendered while it moved may show what was just evicted.</summary>
    public long Epoch => Interlocked.Read(ref _epoch);

    public async Task EvictAsync(IEnumerable<string> tags, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _epoch);
        foreach (var tag in tags.Distinct(StringComparer.Ordinal))
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

    /// <summary>Shortens the cached copy's life to <paramref name="left"/> when that is sooner than it would expire.</summary>
    public static void LimitLifetime(HttpContext context, TimeSpan left)
    {
        if (context.Features.Get<IOutputCacheFeature>()?.Context is { } cache
            && left > TimeSpan.Zero && left < (cache.ResponseExpirationTimeSpan ?? PublicPagePolicy.Lifetime))
        {
            cache.ResponseExpirationTimeSpan = left;
        }
    }
}
