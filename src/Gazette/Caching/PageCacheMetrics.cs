using System.Diagnostics.Metrics;

namespace Gazette.Caching;

/// <summary>
/// How often the page cache answers: a request that could be answered from
/// memory is a <see cref="Hit"/> when it was, a <see cref="Miss"/> when the page
/// had to be rendered. Requests the cache may not answer (signed in, a
/// reader's own view, a POST) are neither. Two counters without tags, so a hit
/// costs one increment; the hit ratio is hits / (hits + misses). Beside them,
/// the bytes the store counts against <c>Gazette:Cache:SizeLimitMB</c> and its
/// page count, read when metrics are collected.
/// </summary>
public sealed class PageCacheMetrics
{
    public const string MeterName = "Gazette.Caching";

    private readonly Counter<long> _hits;
    private readonly Counter<long> _misses;

    public PageCacheMetrics(IMeterFactory meters, PageStore store)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("gazette.page_cache.size", () => store.Size, "By", "Bytes the page cache counts against its limit, compressed copies included");
        meter.CreateObservableGauge("gazette.page_cache.pages", () => store.Count, "{page}", "Pages in the page cache");
        _hits = meter.CreateCounter<long>("gazette.page_cache.hits", "{request}", "Requests answered from this node's page cache");
        _misses = meter.CreateCounter<long>("gazette.page_cache.misses", "{request}", "Cacheable requests this node had to render");
    }

    public void Hit() => _hits.Add(1);

    public void Miss() => _misses.Add(1);
}
