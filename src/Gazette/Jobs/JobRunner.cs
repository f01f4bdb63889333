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
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(jobs.Select(job => RunOnScheduleAsync(job, stoppingToken)));

    /// <summary>Runs the job now if this node leads; false if another node does.</summary>
    public async Task<bool> RunOnceAsync(IPeriodicJob job, CancellationToken cancellationToken)
    {
        if (!await leaderLock.IsLeaderAsync(cancellationToken))
        {
            return false;
        }
        var started = time.GetTimestamp();
        try
        {
            await job.RunAsync(cancellationToken);
            logger.LogDebug("Job {Job} finished in {Elapsed}", job.Name, time.GetElapsedTime(started));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Job {Job} failed; it runs again in {Interval}", job.Name, job.Interval);
        }
        return true;
    }

    private async Task RunOnScheduleAsync(IPeriodicJob job, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(job.Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await RunOnceAsync(job, stoppingToken);
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
