using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gazette.Cluster;

/// <summary>
/// The Redis line of /healthz: Degraded while this node cannot reach the
/// cluster's Redis, which costs freshness (pages evicted at the next poll, about
/// half a second) and sharing (rate limits counted per node), never service.
/// Unlike the database's, its registration is not tagged as one the node
/// cannot serve without, so the node stays in its load balancer's rotation
/// (decision 153).
/// </summary>
public sealed class RedisHealthCheck(RedisConnection redis, LogAnnouncements announcements) : IHealthCheck
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(1);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!redis.IsConfigured)
        {
            return HealthCheckResult.Healthy($"not configured ({RedisConnection.Key}): nodes share only the database");
        }
        var fallback = "pages evicted at the next poll of the event log, rate limits counted on this node alone";
        if (redis.Current is not { IsConnected: true } connection)
        {
            return HealthCheckResult.Degraded($"{redis.Address}: not connected: {fallback}");
        }
        try
        {
            var ping = await connection.GetDatabase().PingAsync().WaitAsync(Patience, cancellationToken);
            return announcements.IsListening
                ? HealthCheckResult.Healthy($"{redis.Address}: answers in {ping.TotalMilliseconds:0.0} ms; announcements heard")
                : HealthCheckResult.Degraded($"{redis.Address}: answers, not yet subscribed: {fallback}");
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            return HealthCheckResult.Degraded($"{redis.Address}: {ex.Message}: {fallback}");
        }
    }
}
