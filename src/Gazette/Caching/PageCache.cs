using System.Globalization;
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

public sealed class PageCache(IOutputCacheStore store, ILogger<PageCache> logger)
{
    public async Task EvictAsync(IEnumerable<string> tags, CancellationToken cancellationToken = default)
    {
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
}
