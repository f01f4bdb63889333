using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gazette.Web;

/// <summary>
/// /healthz answers 200 only when everything the node needs to serve works: a
/// site that reads but cannot write is Degraded and answers 503 too, so a load
/// balancer or monitor that looks at the status alone notices. A check tagged
/// advisory (Redis) reports Degraded in the body but keeps the 200: the node
/// serves correctly without it, and taking every node out of rotation at once
/// because their shared Redis died would turn a slower cluster into no site
/// (decision 153). The body says which and why, one line per check.
/// </summary>
public static class HealthReportResponse
{
    /// <summary>The writer sets the status code: the overall status alone cannot tell an advisory check's Degraded from the database's.</summary>
    public static readonly HealthCheckOptions Options = new() { ResponseWriter = WriteAsync };

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var serving = report.Entries.Values.All(entry => entry.Status == HealthStatus.Healthy || entry.Tags.Contains(Cluster.RedisHealthCheck.Advisory));
        context.Response.StatusCode = serving ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        context.Response.ContentType = "text/plain; charset=utf-8";
        var lines = report.Entries.Select(entry => $"{entry.Key}: {entry.Value.Status}: {entry.Value.Description}");
        return context.Response.WriteAsync($"{report.Status}\n{string.Join('\n', lines)}\n");
    }
}
