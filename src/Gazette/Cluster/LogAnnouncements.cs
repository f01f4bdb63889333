using System.Globalization;
using Gazette.Events;
using StackExchange.Redis;

namespace Gazette.Cluster;

/// <summary>
/// Announces this node's commits on the site's Redis channel and rings this
/// node's <see cref="PumpAlarm"/> when any node announces one, so every node
/// evicts at once rather than at its next poll. A notice is the position of
/// the commit's last event ("tx:id"), nothing more. Publishing is fire and
/// forget; while Redis is down nothing is sent and pumps poll as before; when
/// the connection comes back (the client resubscribes) the pump reads at once
/// what it may have missed.
/// </summary>
public sealed class LogAnnouncements(RedisConnection redis, PumpAlarm alarm, ILogger<LogAnnouncements> logger) : BackgroundService, ILogAnnouncer
{
    private static readonly TimeSpan SubscribeRetry = TimeSpan.FromSeconds(1);

    private volatile bool _subscribed;

    /// <summary>Whether this node hears announcements now: subscribed, and the connection up.</summary>
    public bool IsListening => _subscribed && redis.Current is { IsConnected: true };

    private RedisChannel Channel => RedisChannel.Literal(redis.Prefix + "events");

    public void Announce(EventPosition last)
    {
        if (redis.Current is not { IsConnected: true } connection)
        {
            return;
        }
        try
        {
            connection.GetSubscriber().Publish(Channel, Format(last), CommandFlags.FireAndForget);
        }
        catch (Exception ex) when (ex is RedisException or ObjectDisposedException)
        {
            logger.LogDebug(ex, "Could not announce events up to {Position}; other nodes will read them at their next poll", last);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!redis.IsConfigured)
        {
            return;
        }
        var connection = await redis.ConnectAsync();
        connection.ConnectionFailed += (_, failed) => logger.LogWarning(
            "Lost Redis at {Address} ({Failure}); this node reads the event log at every poll and counts rate limits alone until it returns", redis.Address, failed.FailureType);
        connection.ConnectionRestored += (_, _) =>
        {
            logger.LogInformation("Redis at {Address} is back; reading the event log for anything missed", redis.Address);
            alarm.Ring();
        };
        // The client keeps a subscription across reconnections; only the first one must be made by hand, and Redis may be down then.
        var warned = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await connection.GetSubscriber().SubscribeAsync(Channel, (_, message) => Heard(message));
                _subscribed = true;
                alarm.Ring();
                return;
            }
            catch (RedisException ex)
            {
                if (!warned)
                {
                    logger.LogWarning("Redis at {Address} does not answer ({Reason}); this node reads the event log at every poll until it does", redis.Address, ex.Message);
                    warned = true;
                }
                try
                {
                    await Task.Delay(SubscribeRetry, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void Heard(RedisValue message)
    {
        if (Parse(message) is { } position)
        {
            alarm.Ring(position);
        }
    }

    internal static string Format(EventPosition position) =>
        string.Create(CultureInfo.InvariantCulture, $"{position.Tx}:{position.Id}");

    internal static EventPosition? Parse(string? message)
    {
        var colon = message?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        return colon > 0
            && long.TryParse(message.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var tx)
            && long.TryParse(message.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? new EventPosition(tx, id)
            : null;
    }
}
