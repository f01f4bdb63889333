using System.Collections.Concurrent;

namespace Gazette.Jobs;

/// <summary>
/// Runs every registered <see cref="IPeriodicJob"/> on its interval, on the leader
/// node only. Time comes from the injected <see cref="TimeProvider"/>, so tests
/// move a fake clock instead of waiting.
/// </summary>
public sealed class JobRunner(
    IEnumerable<IPeriodicJob> jobs,
    ILeaderLock leaderLock,
    TimeProvider time,
    ILogger<JobRunner> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<IPeriodicJob, (long At, bool Failed)> _lastRuns = new();
    private List<(IPeriodicJob Job, PeriodicTimer Timer)> _schedules = [];
    private long _leadingSince;
    private volatile bool _leads;

    /// <summary>Whether this node ran the jobs at its latest tick.</summary>
    public bool Leads => _leads;

    /// <summary>Each job's last run on this node, measured from when it began leading; empty on a node that does not lead.</summary>
    public IReadOnlyList<JobStatus> Statuses()
    {
        if (!_leads)
        {
            return [];
        }
        var leadingSince = Interlocked.Read(ref _leadingSince);
        return jobs.Select(job =>
        {
            var last = _lastRuns.TryGetValue(job, out var run) ? run : (At: leadingSince, Failed: false);
            var since = time.GetElapsedTime(Math.Max(last.At, leadingSince));
            return new JobStatus(job.Name, job.Interval, since, last.Failed);
        }).ToList();
    }

    /// <summary>
    /// The timers start here, not in ExecuteAsync (which runs on the thread pool),
    /// so the first run is one interval after start, exactly.
    /// </summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _schedules = jobs.Select(job => (job, new PeriodicTimer(job.Interval, time))).ToList();
        return base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        foreach (var (_, timer) in _schedules)
        {
            timer.Dispose();
        }
        base.Dispose();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_schedules.Select(schedule => RunOnScheduleAsync(schedule.Job, schedule.Timer, stoppingToken)));

    /// <summary>Runs the job now if this node leads; false if another node does.</summary>
    public async Task<bool> RunOnceAsync(IPeriodicJob job, CancellationToken cancellationToken)
    {
        if (!await leaderLock.IsLeaderAsync(cancellationToken))
        {
            _leads = false;
            return false;
        }
        var started = time.GetTimestamp();
        if (!_leads)
        {
            Interlocked.Exchange(ref _leadingSince, started);
            _leads = true;
        }
        try
        {
            await job.RunAsync(cancellationToken);
            _lastRuns[job] = (time.GetTimestamp(), false);
            logger.LogDebug("Job {Job} finished in {Elapsed}", job.Name, time.GetElapsedTime(started));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _lastRuns.AddOrUpdate(job, _ => (_leadingSince, true), (_, last) => (last.At, true));
            logger.LogError(ex, "Job {Job} failed; it runs again in {Interval}", job.Name, job.Interval);
        }
        return true;
    }

    private async Task RunOnScheduleAsync(IPeriodicJob job, PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    // The tick may resume this loop inside the timer's callback, on the thread of whoever
                    // moved the clock (a test's fake clock moved on by days fires once per interval); the
                    // run leaves that thread and its context, so ticks during a run coalesce into one.
                    await Task.Run(() => RunOnceAsync(job, stoppingToken), CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Could not decide whether this node runs job {Job}", job.Name);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
