using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gazette.Web;

/// <summary>
/// /healthz answers in JSON: the overall status, then each check's status,
/// reason and figures. The HTTP status follows only the checks a node cannot
/// serve without (tagged <see cref="Serving"/>: the database): 503 when one of
/// them is not Healthy (reads fail, or reads work and writes fail), so a load
/// balancer or monitor that looks at the status alone takes the node out. Any
/// other check that is Degraded (a job backlog) makes the body say Degraded
/// and leaves the status 200: the node still serves, and taking every node out
/// of the balancer over a late job would turn a lag into an outage (decision 159).
/// </summary>
public static class HealthReportResponse
{
    /// <summary>The tag of a check without which this node cannot serve.</summary>
    public const string Serving = "serving";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public static readonly HealthCheckOptions Options = new() { ResponseWriter = WriteAsync };

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.StatusCode = report.Entries.Values.Any(entry => entry.Tags.Contains(Serving) && entry.Status != HealthStatus.Healthy)
            ? StatusCodes.Status503ServiceUnavailable
            : StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(entry => entry.Key, entry => new
            {
                status = entry.Value.Status.ToString(),
                description = entry.Value.Description,
                data = entry.Value.Data.Count > 0 ? entry.Value.Data : null,
            }),
        };
        return JsonSerializer.SerializeAsync(context.Response.Body, body, Json, context.RequestAborted);
    }
}
