using Gazette.Jobs;

namespace Gazette.Related;

/// <summary>
/// Computes related coverage for articles that have none (published before
/// the subscriber's cursor began: an upgraded site, a restore), a batch at a
/// time on the leader, so start-up never waits; once done, each run is one row read.
/// </summary>
public sealed class RelatedBuildJob(RelatedCoverage coverage, ILogger<RelatedBuildJob> logger) : IPeriodicJob
{
    private const int StepsPerRun = 4;

    public string Name => "related:build";

    public TimeSpan Interval => TimeSpan.FromSeconds(1);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        for (var step = 0; step < StepsPerRun; step++)
        {
            if (!await coverage.BuildStepAsync(cancellationToken))
            {
                return;
            }
        }
        logger.LogInformation("Related coverage is being computed for existing articles");
    }
}
