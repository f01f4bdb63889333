using Gazette.Rendering;
using Microsoft.AspNetCore.Http.Features;

namespace Gazette.Caching;

/// <summary>
/// The first thing a request meets: an anonymous GET or HEAD whose page is
/// stored is answered here, before routing, sign-in or any other middleware
/// (the stored headers already hold what they would add). The entry under the
/// bare path names its endpoint's policy, so a request with a query string is
/// checked against it (personal views pass on) and looked up again under its
/// full key. Anything else goes on to the pipeline, where
/// <see cref="PageCacheMiddleware"/> renders and stores it.
/// </summary>
public sealed class PageCacheFront(RequestDelegate next, PageStore store, PageKeys keys, PageSlotSet slots, PageCacheMetrics metrics, TimeProvider time)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (store.Count == 0 || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)))
        {
            return next(context);
        }
        var now = store.Now;
        var baseKey = keys.Base(request);
        if (!store.TryGet(baseKey, now, out var page) || !page.Policy.Admits(request))
        {
            return next(context);
        }
        if (request.QueryString.HasValue && PageKeys.For(request, baseKey, page.Policy) is var key && !ReferenceEquals(key, baseKey)
            && !store.TryGet(key, now, out page))
        {
            return next(context);
        }
        metrics.Hit();
        if (page.MetricsTags.Length > 0 && context.Features.Get<IHttpMetricsTagsFeature>() is { } requestMetrics)
        {
            foreach (var tag in page.MetricsTags)
            {
                requestMetrics.Tags.Add(tag);
            }
        }
        return page.ServeAsync(context, slots.Showing(time.GetUtcNow()), now);
    }
}
