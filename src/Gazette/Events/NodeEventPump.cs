using System.Data.Common;

namespace Gazette.Events;

/// <summary>
/// Delivers the log to this node's handlers: the events other processes (the
/// CLI, other nodes) committed since the node started, read at once when the
/// <see cref="PumpAlarm"/> rings (another node announced a commit) and every
/// half second whatever it does, so a lost announcement only costs time.
/// This process's own events come round again too, which its handlers already
/// heard at commit: a page rendered from the old data while the first eviction
/// ran would otherwise stay cached for its whole lifetime.
/// </summary>
public sealed class NodeEventPump(EventLog log, EventDispatcher dispatcher, PumpAlarm alarm, IConfiguration configuration, TimeProvider time, ILogger<NodeEventPump> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    /// <summary>The poll's interval in milliseconds when not <see cref="Interval"/> (a test that must see announcements alone sets it long).</summary>
    public const string IntervalKey = "Gazette:Events:PollMilliseconds";

    private const int BatchSize = 500;

    private readonly TimeSpan _interval = configuration.GetValue<int?>(IntervalKey) is int milliseconds and > 0
        ? TimeSpan.FromMilliseconds(milliseconds)
        : Interval;

    private EventPosition _position;

    /// <summary>"From now on" is decided before the host reports started, so no event after start is missed.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        _position = await log.EndAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                try
                {
                    await DeliverAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is DbException or IOException or TimeoutException)
                {
                    logger.LogWarning(ex, "Could not read the event log; cached pages may be stale until the next try");
                }
                // A fresh delay each time rather than a periodic timer: when a test moves
                // the clock a month ahead, this wakes once, not five million times.
                await alarm.WaitAsync(_position, _interval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task DeliverAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var batch = await log.ReadAsync(_position, BatchSize, cancellationToken);
            foreach (var envelope in batch)
            {
                if (envelope.Event is not EventLog.Unknown)
                {
                    await dispatcher.OnNodeAsync(envelope.Event, cancellationToken);
                }
                _position = envelope.Position;
            }
            if (batch.Count < BatchSize)
            {
                return;
            }
        }
    }
}
