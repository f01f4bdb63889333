using Gazette.Events;
using Gazette.Jobs;

namespace Gazette.Articles.Contracts;

/// <summary>
/// What a feature keeps from what the public sees of each article (the search
/// index, related coverage): refreshed by article id from the event log, built
/// in steps from current data, and built again when its cursor starts afresh.
/// Every method may run twice for the same articles and change nothing.
/// </summary>
public interface IPublicArticleProjection
{
    /// <summary>The cluster cursor's name; renaming it starts the projection afresh.</summary>
    string CursorName { get; }

    string BuildJobName { get; }

    /// <summary>Build steps per run of the job (a step is one batch; runs are a second apart).</summary>
    int BuildStepsPerRun { get; }

    Task RefreshAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken);

    /// <summary>One batch of the build from current data; false once every public article has been seen.</summary>
    Task<bool> BuildStepAsync(CancellationToken cancellationToken);

    /// <summary>Starts the build again from the first article.</summary>
    Task ResetAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Follows publish, edit, unpublish, trash and scheduled publication through
/// the log: each event names an article, which the projection reads back as
/// the public now sees it, so handling an event again (or out of date) changes nothing.
/// </summary>
public sealed class PublicArticleProjectionSubscriber<TProjection>(TProjection projection) : IClusterEventSubscriber
    where TProjection : IPublicArticleProjection
{
    public string Name => projection.CursorName;

    public Task HandleAsync(EventEnvelope envelope, CancellationToken cancellationToken) => envelope.Event switch
    {
        ArticlePublished published => projection.RefreshAsync([published.ArticleId], cancellationToken),
        ArticleChanged changed => projection.RefreshAsync([changed.ArticleId], cancellationToken),
        _ => Task.CompletedTask,
    };

    /// <summary>A new cursor (first start, or after a restore) did not see what happened before it: the projection is built again.</summary>
    public Task StartAfreshAsync(CancellationToken cancellationToken) => projection.ResetAsync(cancellationToken);
}

/// <summary>
/// Runs the projection's build on the leader a few batches at a time, so
/// start-up never waits for it; once done, each run is one row read.
/// </summary>
public sealed class PublicArticleProjectionBuildJob<TProjection>(TProjection projection, ILogger<PublicArticleProjectionBuildJob<TProjection>> logger) : IPeriodicJob
    where TProjection : IPublicArticleProjection
{
    public string Name => projection.BuildJobName;

    public TimeSpan Interval => TimeSpan.FromSeconds(1);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        for (var step = 0; step < projection.BuildStepsPerRun; step++)
        {
            if (!await projection.BuildStepAsync(cancellationToken))
            {
                return;
            }
        }
        logger.LogInformation("{Projection} is being built from the public articles", projection.CursorName);
    }
}

public static class PublicArticleProjectionServiceCollectionExtensions
{
    public static IServiceCollection AddPublicArticleProjection<TProjection>(this IServiceCollection services)
        where TProjection : class, IPublicArticleProjection
    {
        services.AddSingleton<TProjection>();
        services.AddClusterSubscriber<PublicArticleProjectionSubscriber<TProjection>>();
        return services.AddPeriodicJob<PublicArticleProjectionBuildJob<TProjection>>();
    }
}
