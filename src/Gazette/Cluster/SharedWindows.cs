using StackExchange.Redis;

namespace Gazette.Cluster;

/// <summary>
/// Fixed-window counters shared by every node through Redis: one atomic
/// script counts a hit and starts the window's expiry on the first. When Redis
/// cannot answer at once, the answer is "unknown" and the caller counts on its
/// own (decision 154): a limit is never worth a slow or failed request.
/// </summary>
public sealed class SharedWindows(RedisConnection redis, ILogger<SharedWindows> logger)
{
    /// <summary>How long a request may wait for Redis's count before the node counts alone.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMilliseconds(250);

    private const string CountScript = """
        local hits = redis.call('INCR', KEYS[1])
        if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        return {hits, redis.call('PTTL', KEYS[1])}
        """;

    /// <summary>Counts a hit in <paramref name="counter"/>'s current window; null when Redis cannot say now.</summary>
    public async Task<WindowCount?> HitAsync(string counter, TimeSpan window, CancellationToken cancellationToken)
    {
        if (redis.Current is not { IsConnected: true } connection)
        {
            return null;
        }
        try
        {
            var result = await connection.GetDatabase()
                .ScriptEvaluateAsync(CountScript, [redis.Prefix + "window:" + counter], [(long)window.TotalMilliseconds])
                .WaitAsync(Patience, cancellationToken);
            var values = (long[])result!;
            return new WindowCount(values[0], TimeSpan.FromMilliseconds(Math.Max(0, values[1])));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogDebug(ex, "Redis did not count {Counter}; this node counts it alone", counter);
            return null;
        }
    }
}

/// <summary>Hits so far in the window, this one included, and the time until it ends.</summary>
public readonly record struct WindowCount(long Hits, TimeSpan Left);
