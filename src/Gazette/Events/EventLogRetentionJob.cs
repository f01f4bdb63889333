using Gazette.Jobs;

namespace Gazette.Events;

/// <summary>
/// Prunes the log behind the slowest cluster subscriber, keeping a few days
/// more for whoever is debugging. The log is not the audit trail (that lives
/// in its own table) and no rebuild replays it: rebuilds read current data.
/// </summary>
public sealed class EventLogRetentionJob(EventLog log, IEnumerable<IClusterEventSubscriber> subscribers, ILogger<EventLogRetentionJob> logger) : IPeriodicJob
{
    public static readonly TimeSpan Keep = TimeSpan.FromDays(3);

    public string Name => "events:prune";

    public TimeSpan Interval => TimeSpan.FromHours(1);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var pruned = await log.PruneAsync(Keep, subscribers.Select(subscriber => subscriber.Name).ToList(), cancellationToken);
        if (pruned > 0)
        {
            logger.LogInformation("Pruned {Count} events older than {Days} days", pruned, Keep.TotalDays);
        }
    }
}
