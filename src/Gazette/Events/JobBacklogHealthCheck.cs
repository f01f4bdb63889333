using System.Diagnostics;
using Dapper;
using Gazette.Jobs;
using Gazette.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gazette.Events;

/// <summary>
/// /healthz's view of the work done behind the pages (decision 159): how far
/// each cluster subscriber's cursor is behind the log (events waiting, and the
/// age of the oldest), and, on the node that leads, whether every periodic job
/// ran lately (<see cref="JobStatus.IsLate"/>). Degraded when an event has
/// waited longer than <see cref="MaxWait"/> or a job is late; the figures are
/// in the check's data. The cursors are the same on every node; only the
/// leader knows its jobs, so a cluster's monitor reads every node. Reused for
/// a second, like the database's.
/// </summary>
public sealed class JobBacklogHealthCheck(
    Database database,
    EventLog log,
    IEnumerable<IClusterEventSubscriber> subscribers,
    JobRunner runner,
    TimeProvider time,
    TimeSpan maxWait) : IHealthCheck, IDisposable
{
    public const string Setting = "Gazette:Health:BacklogSeconds";

    public static readonly TimeSpan DefaultMaxWait = TimeSpan.FromMinutes(2);

    /// <summary>Events counted behind a cursor at most: past this the figure says "at least".</summary>
    public const int CountCap = 10_000;

    private static readonly TimeSpan Reuse = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _checking = new(1, 1);
    private (HealthCheckResult Result, long At)? _last;

    public TimeSpan MaxWait => maxWait;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await _checking.WaitAsync(cancellationToken);
        try
        {
            if (_last is { } last && Stopwatch.GetElapsedTime(last.At) < Reuse)
            {
                return last.Result;
            }
            var result = await CheckAsync(cancellationToken);
            _last = (result, Stopwatch.GetTimestamp());
            return result;
        }
        finally
        {
            _checking.Release();
        }
    }

    private async Task<HealthCheckResult> CheckAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<SubscriberBacklog> backlogs;
        try
        {
            backlogs = await BacklogsAsync(cancellationToken);
        }
        catch (Exception ex) when (StorageFailure.Is(ex))
        {
            return HealthCheckResult.Degraded($"cannot read the event log: {ex.Message.ReplaceLineEndings(" ")}");
        }
        var jobs = runner.Statuses();
        var waiting = backlogs.Where(backlog => backlog.OldestSeconds > maxWait.TotalSeconds).Select(backlog => backlog.Name).ToList();
        var late = jobs.Where(job => job.IsLate).Select(job => job.Name).ToList();
        var data = new Dictionary<string, object>
        {
            ["maxWaitSeconds"] = maxWait.TotalSeconds,
            ["subscribers"] = backlogs,
            ["leader"] = runner.Leads,
            ["jobs"] = jobs.Select(job => new JobFigures(job.Name, job.Interval.TotalSeconds, Math.Round(job.SinceLastRun.TotalSeconds, 1), job.LastRunFailed, job.IsLate)).ToList(),
        };
        var description = string.Join("; ", [
            waiting.Count > 0 ? $"events wait over {maxWait.TotalSeconds:0} s for {string.Join(", ", waiting)}" : $"{backlogs.Sum(backlog => backlog.Behind)} events waiting for cluster subscribers",
            late.Count > 0 ? $"late: {string.Join(", ", late)}" : runner.Leads ? "periodic jobs on time" : "this node does not run the periodic jobs (another leads, or its first tick is to come)",
        ]);
        return waiting.Count > 0 || late.Count > 0
            ? HealthCheckResult.Degraded(description, data: data)
            : HealthCheckResult.Healthy(description, data);
    }

    private async Task<IReadOnlyList<SubscriberBacklog>> BacklogsAsync(CancellationToken cancellationToken)
    {
        Dictionary<string, EventPosition> cursors;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            cursors = (await connection.QueryAsync<(string Name, long Tx, long EventId)>(new CommandDefinition(
                    "select name, tx, event_id from event_cursors", cancellationToken: cancellationToken)))
                .ToDictionary(cursor => cursor.Name, cursor => new EventPosition(cursor.Tx, cursor.EventId), StringComparer.Ordinal);
        }
        var now = time.GetUtcNow();
        var backlogs = new List<SubscriberBacklog>();
        foreach (var subscriber in subscribers)
        {
            if (cursors.TryGetValue(subscriber.Name, out var cursor))
            {
                var (behind, oldest) = await log.BacklogAsync(cursor, CountCap, cancellationToken);
                var wait = oldest is { } at && now > at ? (now - at).TotalSeconds : 0;
                backlogs.Add(new SubscriberBacklog(subscriber.Name, behind, Math.Round(wait, 1)));
            }
        }
        return backlogs;
    }

    public void Dispose() => _checking.Dispose();

    /// <summary>A cluster subscriber's cursor: events after it (at most <see cref="CountCap"/>) and the oldest one's age.</summary>
    public sealed record SubscriberBacklog(string Name, long Behind, double OldestSeconds);

    public sealed record JobFigures(string Name, double IntervalSeconds, double SinceLastRunSeconds, bool LastRunFailed, bool Late);
}
