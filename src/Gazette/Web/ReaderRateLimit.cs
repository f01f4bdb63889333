using System.Globalization;
using System.Threading.RateLimiting;
using Gazette.Cluster;
using Gazette.Rendering;
using Microsoft.AspNetCore.RateLimiting;

namespace Gazette.Web;

/// <summary>
/// A per-address limit on a reader's write that answers for itself: when it
/// refuses, the reader gets a 429 page in its own words and a Retry-After, and
/// another limit's refusal never borrows them. With Redis configured the
/// count is the cluster's (each address has one window on every node), else
/// and while Redis cannot answer, the node's own.
/// </summary>
public sealed class ReaderRateLimit(int permits, TimeSpan window, Func<int, string> message) : IRateLimiterPolicy<string>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => RejectAsync;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        var address = httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        // The policy's name keys the shared counter, so two limits never count into one window.
        var policy = httpContext.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName ?? "reader";
        var windows = httpContext.RequestServices.GetRequiredService<SharedWindows>();
        return RateLimitPartition.Get(address, key => new SharedWindowLimiter(windows, $"{policy}:{key}", permits, window));
    }

    private async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : window;
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        var http = rejected.HttpContext;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var page = await http.RequestServices.GetRequiredService<PageRenderer>().NoticeAsync(
            StatusCodes.Status429TooManyRequests, "Slow down", message(seconds), "/", cancellationToken);
        await page.ExecuteAsync(http);
    }
}

public static class ReaderRateLimitExtensions
{
    public static IServiceCollection AddReaderRateLimit(this IServiceCollection services, string name, ReaderRateLimit limit) =>
        services.AddRateLimiter(options => options.AddPolicy(name, limit));
}
