using Gazette.Caching;
using Gazette.Storage;
using OpenTelemetry.Metrics;

namespace Gazette.Web;

/// <summary>
/// /metrics: OpenTelemetry's meters in Prometheus's text format (decision 157).
/// Gazette's own meters are named <c>Gazette.*</c>; beside them ASP.NET Core's
/// hosting, Kestrel, rate limiting and diagnostics meters, the runtime's
/// (<c>System.Runtime</c>: GC, memory, thread pool) and Npgsql's (its pool).
/// <c>Gazette:Metrics:Enabled=false</c> turns collection off: no listener, no
/// endpoint, nothing recorded per request.
/// </summary>
public static class SiteMetrics
{
    public const string Path = "/metrics";

    private static readonly string[] Meters =
    [
        "Gazette.*",
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.RateLimiting",
        "Microsoft.AspNetCore.Diagnostics",
        "System.Runtime",
        "Npgsql",
    ];

    public static bool Enabled(IConfiguration configuration) => configuration.GetValue($"{MetricsAccess.Section}:Enabled", true);

    public static IServiceCollection AddGazetteMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        if (Enabled(configuration))
        {
            services.AddSingleton(MetricsAccess.From(configuration));
            services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(Meters).AddPrometheusExporter());
            services.AddMetricsSource<DatabaseMetrics>();
        }
        return services;
    }

    /// <summary>
    /// A singleton that publishes observable instruments: made when the meter
    /// provider starts (so its instruments exist before the first scrape), never
    /// when metrics are off.
    /// </summary>
    public static IServiceCollection AddMetricsSource<T>(this IServiceCollection services)
        where T : class
    {
        services.AddSingleton<T>();
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInstrumentation(provider => provider.GetRequiredService<T>()));
        return services;
    }

    public static void UseRouteGroupMetrics(this IApplicationBuilder app)
    {
        if (Enabled(app.ApplicationServices.GetRequiredService<IConfiguration>()))
        {
            app.Use(RouteGroupTag.Add);
        }
    }

    public static void MapMetrics(this RouteGroups groups)
    {
        if (groups.Services.GetService<MetricsAccess>() is not { } access)
        {
            return;
        }
        groups.PublicApi.MapPrometheusScrapingEndpoint(Path, meterProvider: null, configureBranchedPipeline: branch => branch.Use((context, next) =>
                access.Allows(context) ? next(context) : Refuse(context)), optionsName: null)
            .NotCached();
    }

    private static Task Refuse(HttpContext context) =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Metrics are not open to this caller",
            detail: "Read /metrics from this machine, from a network in Gazette:Metrics:Networks, or with the bearer token of Gazette:Metrics:Token.").ExecuteAsync(context);
}
