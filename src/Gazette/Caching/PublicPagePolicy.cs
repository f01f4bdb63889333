using Microsoft.AspNetCore.OutputCaching;

namespace Gazette.Caching;

/// <summary>
/// Anonymous GET and HEAD of public pages come from memory. Only anonymous:
/// a request with a sign-in cookie (<paramref name="signedIn"/>) or an
/// Authorization header is neither served from the cache nor stored, while
/// other cookies (a consent banner's, say) change nothing. The key is the path
/// plus only the query parameters the page understands (so ?x=random shares the
/// page's entry instead of filling the cache), never cookies; a request carrying
/// any of <paramref name="bypassKeys"/> (per-reader views) is never cached; only
/// 200s are stored, and nothing that sets a cookie; nor a page during whose
/// rendering anything was evicted (it may have read the data just replaced).
/// Answers from the cache carry an Age header. An answer to a request with an
/// Authorization header is <c>private, no-store</c> whatever the page says:
/// shared caches may store such an answer when it is marked public, and it
/// may be the caller's own (an API answering a signed-in app).
/// </summary>
public sealed class PublicPagePolicy(PageCache cache, PageCacheMetrics metrics, string[] queryKeys, string[] bypassKeys, TimeSpan lifetime, Func<HttpRequest, bool> signedIn) : IOutputCachePolicy
{
    /// <summary>Pages that are evicted when what they show changes.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Listings show comment counts, which approvals do not evict (an approval
    /// would otherwise empty every listing), so they live one minute.
    /// </summary>
    public static readonly TimeSpan ListingLifetime = TimeSpan.FromSeconds(60);

    private const string EpochKey = "gazette:cache-epoch";

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var request = context.HttpContext.Request;
        var authorized = request.Headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.Authorization);
        if (authorized)
        {
            var response = context.HttpContext.Response;
            response.OnStarting(() =>
            {
                response.Headers.CacheControl = "private, no-store";
                return Task.CompletedTask;
            });
        }
        var cacheable = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && !authorized
            && !signedIn(request)
            && !HasAny(request, bypassKeys);
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = lifetime;
        context.CacheVaryByRules.QueryKeys = queryKeys;
        context.Tags.Add(CacheTags.Site);
        context.HttpContext.Items[EpochKey] = cache.Epoch;
        return ValueTask.CompletedTask;
    }

    private static bool HasAny(HttpRequest request, string[] keys)
    {
        if (!request.QueryString.HasValue)
        {
            return false;
        }
        var query = request.Query;
        foreach (var key in keys)
        {
            if (query.ContainsKey(key))
            {
                return true;
            }
        }
        return false;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        metrics.Hit();
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        if (context.AllowCacheLookup)
        {
            metrics.Miss();
        }
        var response = context.HttpContext.Response;
        var started = context.HttpContext.Items[EpochKey] as long?;
        if (response.StatusCode != StatusCodes.Status200OK
            || response.Headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.SetCookie)
            || started != cache.Epoch)
        {
            context.AllowCacheStorage = false;
        }
        return ValueTask.CompletedTask;
    }
}
