namespace Gazette.Caching;

/// <summary>
/// How an endpoint's anonymous GET and HEAD answers are cached, as endpoint
/// metadata (<see cref="PublicPagePolicyExtensions.CachedAs{TBuilder}"/>); the
/// last one set on an endpoint or its groups wins. Only anonymous requests:
/// one with a sign-in cookie or an Authorization header is neither served from
/// the cache nor stored, while other cookies (a consent banner's, say) change
/// nothing. The key is the path plus only <see cref="QueryKeys"/> (so
/// ?x=random shares the page's entry instead of filling the cache), never
/// cookies; a request carrying any of <see cref="BypassKeys"/> (per-reader
/// views) is never cached; only 200s are stored, and nothing that sets a
/// cookie; nor a page during whose rendering anything was evicted (it may have
/// read the data just replaced). An answer to a request with an Authorization
/// header is <c>private, no-store</c> whatever the page says: shared caches may
/// store such an answer when it is marked public, and it may be the caller's
/// own (an API answering a signed-in app).
/// </summary>
public sealed class PublicPagePolicy(string[] queryKeys, string[] bypassKeys, TimeSpan lifetime, Func<HttpRequest, bool> signedIn, bool cached = true)
{
    /// <summary>Pages that are evicted when what they show changes.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Listings show comment counts, which approvals do not evict (an approval
    /// would otherwise empty every listing), so they live one minute.
    /// </summary>
    public static readonly TimeSpan ListingLifetime = TimeSpan.FromSeconds(60);

    /// <summary>For an endpoint in a cached group whose answers must never be kept (files, health).</summary>
    public static readonly PublicPagePolicy NotCached = new([], [], TimeSpan.Zero, _ => false, cached: false);

    public string[] QueryKeys { get; } = queryKeys;

    public string[] BypassKeys { get; } = bypassKeys;

    /// <summary>How long a stored answer lives unless the page shortens it (<see cref="PageCache.LimitLifetime"/>).</summary>
    public TimeSpan EntryLifetime { get; } = lifetime;

    public bool Cached { get; } = cached;

    /// <summary>Whether this request may be answered from the cache and its answer stored.</summary>
    public bool Admits(HttpRequest request) =>
        Cached
        && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && !request.Headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.Authorization)
        && !signedIn(request)
        && !HasAny(request, BypassKeys);

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
}

public static class PublicPagePolicyExtensions
{
    public static TBuilder CachedAs<TBuilder>(this TBuilder builder, PublicPagePolicy policy)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(policy);

    public static TBuilder NotCached<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(PublicPagePolicy.NotCached);
}
