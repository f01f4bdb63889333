using Gazette.Rendering;
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Gazette.Caching;

/// <summary>
/// Renders and stores what <see cref="PageCacheFront"/> could not answer, by
/// the policy of the endpoint routing chose. One request renders a missing
/// page while others asking for it wait and are answered from what it stored.
/// The page's body is held while it renders (<see cref="HeldBodyStream"/>) and
/// stored, with the headers it was sent with, once it has gone to the reader.
/// </summary>
public sealed class PageCacheMiddleware(RequestDelegate next, PageStore store, PageCache cache, PageKeys keys, PageCacheMetrics metrics, IOptionsMonitor<CdnOptions> cdn)
{
    private const int MaximumBodySize = 4 * 1024 * 1024;

    private static readonly HashSet<string> Unstored = new(StringComparer.OrdinalIgnoreCase)
    {
        HeaderNames.Date, HeaderNames.Server, HeaderNames.ContentLength, HeaderNames.TransferEncoding,
        HeaderNames.Age, HeaderNames.SetCookie, HeaderNames.ETag, HeaderNames.ContentEncoding, HeaderNames.Vary,
    };

    private readonly ConcurrentDictionary<string, Task> _rendering = new(StringComparer.Ordinal);

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<PublicPagePolicy>() is not { Cached: true } policy)
        {
            await next(context);
            return;
        }
        var request = context.Request;
        if (request.Headers.ContainsKey(HeaderNames.Authorization))
        {
            var response = context.Response;
            response.OnStarting(() =>
            {
                response.Headers.CacheControl = "private, no-store";
                return Task.CompletedTask;
            });
        }
        if (!policy.Admits(request))
        {
            await next(context);
            return;
        }
        var key = PageKeys.For(request, keys.Base(request), policy);
        if (store.TryGet(key, store.Now, out var page))
        {
            metrics.Hit();
            await page.ServeAsync(context, showing: null, store.Now, compress: false);
            return;
        }
        var rendered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_rendering.TryAdd(key, rendered.Task))
        {
            if (_rendering.TryGetValue(key, out var other))
            {
                await other.WaitAsync(context.RequestAborted);
                if (store.TryGet(key, store.Now, out page))
                {
                    metrics.Hit();
                    await page.ServeAsync(context, showing: null, store.Now, compress: false);
                    return;
                }
            }
            await RenderAsync(context, policy, key);
            return;
        }
        try
        {
            await RenderAsync(context, policy, key);
        }
        finally
        {
            _rendering.TryRemove(new KeyValuePair<string, Task>(key, rendered.Task));
            rendered.SetResult();
        }
    }

    private async Task RenderAsync(HttpContext context, PublicPagePolicy policy, string key)
    {
        metrics.Miss();
        var feature = new PageCacheFeature(policy.EntryLifetime);
        context.Features.Set(feature);
        var started = cache.Epoch;
        var prior = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        var body = new HeldBodyStream(prior, MaximumBodySize, holds: () => true, declaredLength: () => context.Response.ContentLength);
        context.Features.Set<IHttpResponseBodyFeature>(body);
        try
        {
            await next(context);
            await body.FlushWriterAsync();
        }
        finally
        {
            context.Features.Set(prior);
            context.Features.Set<PageCacheFeature>(null);
        }
        if (body.HeldBytes() is not { } bytes)
        {
            return;
        }
        var response = context.Response;
        var shared = response.StatusCode == StatusCodes.Status200OK && feature.Storable && !response.Headers.ContainsKey(HeaderNames.SetCookie);
        if (shared)
        {
            response.Headers.CacheControl = SharedCaching.CacheControl(response.Headers.CacheControl.ToString(), feature.Lifetime, cdn.CurrentValue.Purges);
            SharedCaching.WriteTags(response.Headers, feature.Tags);
            if (CachedPage.Compresses(response.ContentType, bytes.Length))
            {
                // Later answers come from the cache in the reader's coding.
                response.Headers.Vary = "Accept-Encoding";
            }
        }
        if (bytes.Length == 0)
        {
            // Unstarted, an empty answer can still be given a page (ErrorPages); an empty page is never stored.
            return;
        }
        await prior.Stream.WriteAsync(bytes, context.RequestAborted);
        if (shared && HttpMethods.IsGet(context.Request.Method))
        {
            // After the write: the headers now include those added as the response started (security headers).
            var headers = response.Headers.Where(header => !Unstored.Contains(header.Key)).ToArray();
            var etag = response.Headers.ETag is { Count: > 0 } value ? value.ToString() : null;
            var now = store.Now;
            var metricsTags = context.Features.Get<IHttpMetricsTagsFeature>()?.Tags.ToArray();
            store.TryAdd(new CachedPage(key, policy, bytes, headers, etag, [.. feature.Tags], now, feature.Lifetime, store.Grew, metricsTags), () => cache.Epoch == started);
        }
    }
}
