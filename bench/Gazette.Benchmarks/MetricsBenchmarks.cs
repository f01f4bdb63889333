using System.Diagnostics;
using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using Gazette.Caching;
using Gazette.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Gazette.Benchmarks;

/// <summary>
/// What metrics add to one cached hit, measured in the process (a load run on
/// the shared machine swings more than the figure): the request histogram as
/// ASP.NET Core records it (six tags, then seven with the route group), the
/// active-requests counter's two adds, the route group's middleware, and the
/// page cache's hit counter, all under OpenTelemetry's aggregation as
/// /metrics runs it. Without a listener each is one flag check.
/// </summary>
[MemoryDiagnoser]
public class MetricsBenchmarks
{
    private static readonly KeyValuePair<string, object?> GroupTag = new(RouteGroupTag.Name, "public");

    private ServiceProvider _services = null!;
    private MeterProvider _provider = null!;
    private Histogram<double> _duration = null!;
    private UpDownCounter<long> _active = null!;
    private PageCacheMetrics _cache = null!;
    private DefaultHttpContext _context = null!;
    private TagsFeature _tags = null!;

    [GlobalSetup]
    public void Setup()
    {
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = _services.GetRequiredService<IMeterFactory>();
        var hosting = meters.Create("Microsoft.AspNetCore.Hosting");
        _duration = hosting.CreateHistogram<double>("http.server.request.duration", "s");
        _active = hosting.CreateUpDownCounter<long>("http.server.active_requests");
        _cache = new PageCacheMetrics(meters, new PageStore(new ConfigurationBuilder().Build(), TimeProvider.System));
        _provider = Sdk.CreateMeterProviderBuilder().AddMeter("Microsoft.AspNetCore.Hosting", PageCacheMetrics.MeterName).AddPrometheusExporter().Build();
        _tags = new TagsFeature();
        _context = new DefaultHttpContext();
        _context.Features.Set<IHttpMetricsTagsFeature>(_tags);
        _context.SetEndpoint(new Endpoint(_ => Task.CompletedTask, new EndpointMetadataCollection(new TrustGroupMetadata(TrustGroup.Public)), "article"));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _provider.Dispose();
        _services.Dispose();
    }

    [Benchmark(Baseline = true)]
    public void RequestMetricsWithoutTheGroup() => Request(withGroup: false);

    [Benchmark]
    public void RequestMetricsWithTheGroup() => Request(withGroup: true);

    [Benchmark]
    public Task RouteGroupMiddleware()
    {
        _tags.Tags.Clear();
        return RouteGroupTag.Add(_context, static _ => Task.CompletedTask);
    }

    [Benchmark]
    public void PageCacheHit() => _cache.Hit();

    private void Request(bool withGroup)
    {
        var active = new TagList { { "http.request.method", "GET" }, { "url.scheme", "http" } };
        _active.Add(1, active);
        var tags = new TagList
        {
            { "http.request.method", "GET" }, { "url.scheme", "http" }, { "network.protocol.version", "1.1" },
            { "http.route", "{**path}" }, { "http.response.status_code", 200 },
        };
        if (withGroup)
        {
            tags.Add(GroupTag);
        }
        _duration.Record(0.0004, tags);
        _active.Add(-1, active);
    }

    private sealed class TagsFeature : IHttpMetricsTagsFeature
    {
        public ICollection<KeyValuePair<string, object?>> Tags { get; } = [];

        public bool MetricsDisabled { get; set; }
    }
}
