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
/// so a change evicts here at once and on every other node from the event log;
/// pages being rendered tag themselves through the static helpers.
/// </summary>
public sealed class PageCache(PageStore store, ILogger<PageCache> logger)
{
    private static readonly AsyncLocal<HashSet<string>?> Recording = new();
    private long _epoch;

    /// <summary>Counts evictions in this process; a page rendered while it moved may show what was just evicted.</summary>
    public long Epoch => Interlocked.Read(ref _epoch);

    public Task EvictAsync(IEnumerable<string> tags, CancellationToken cancellationToken = default)
    {
        if (Recording.Value is { } recorded)
        {
            recorded.UnionWith(tags);
            return Task.CompletedTask;
        }
        Interlocked.Increment(ref _epoch);
        foreach (var tag in tags.Distinct(StringComparer.Ordinal))
        {
            store.EvictByTag(tag);
            logger.LogDebug("Evicted cached pages tagged {Tag}", tag);
        }
        return Task.CompletedTask;
    }

    /// <summary>The tags <paramref name="evicting"/> asks this cache to evict, recorded instead of evicted (<see cref="CdnPurge"/>).</summary>
    public static async Task<IReadOnlyCollection<string>> TagsEvictedByAsync(Func<Task> evicting)
    {
        var recorded = new HashSet<string>(StringComparer.Ordinal);
        // Set inside this method, the recorder flows into what it awaits and is gone when it returns.
        Recording.Value = recorded;
        await evicting();
        return recorded;
    }

    /// <summary>Tags the page being rendered, when the page cache is handling this request.</summary>
    public static void Tag(HttpContext context, params IEnumerable<string> tags)
    {
        if (context.Features.Get<PageCacheFeature>() is { } page)
        {
            page.Tags.UnionWith(tags);
        }
    }

    /// <summary>Shortens the cached copy's life to <paramref name="left"/> when that is sooner than it would expire.</summary>
    public static void LimitLifetime(HttpContext context, TimeSpan left)
    {
        if (context.Features.Get<PageCacheFeature>() is { } page && left > TimeSpan.Zero && left < page.Lifetime)
        {
            page.Lifetime = left;
        }
    }

    /// <summary>Keeps this answer out of the cache, whatever its status (it holds what only its caller may read).</summary>
    public static void DoNotStore(HttpContext context)
    {
        if (context.Features.Get<PageCacheFeature>() is { } page)
        {
            page.Storable = false;
        }
    }
}

/// <summary>What the page being rendered tells the cache: its tags, how long it may live, whether it may be kept.</summary>
public sealed class PageCacheFeature(TimeSpan lifetime)
{
    public HashSet<string> Tags { get; } = new(StringComparer.Ordinal) { CacheTags.Site };

    public TimeSpan Lifetime { get; set; } = lifetime;

    public bool Storable { get; set; } = true;
}
