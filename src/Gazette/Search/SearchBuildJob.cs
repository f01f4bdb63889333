using Gazette.Jobs;

namespace Gazette.Search;

/// <summary>
/// Indexes what was published before the subscriber's cursor began (first
/// start, after a restore or a rebuild), a batch at a time on the leader, so
/// start-up never waits for it; once done, each run is one row read.
/// </summary>
public sealed class SearchBuildJob(SearchIndex index, ILogger<SearchBuildJob> logger) : IPeriodicJob
{
    private const int StepsPerRun = 50;

    public string Name => "search:build";

    public TimeSpan Interval => TimeSpan.FromSeconds(1);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        for (var step = 0; step < StepsPerRun; step++)
        {
            if (!await index.BuildStepAsync(cancellationToken))
            {
                return;
            }
        }
        logger.LogInformation("The search index is being built");
    }
}
