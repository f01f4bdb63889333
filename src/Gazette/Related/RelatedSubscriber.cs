using Gazette.Articles.Contracts;
using Gazette.Events;

namespace Gazette.Related;

/// <summary>
/// Follows publish, edit, unpublish, trash and scheduled publication through
/// the log: each event names an article, recomputed from what the public now
/// sees, so handling an event again (or out of date) changes nothing.
/// </summary>
public sealed class RelatedSubscriber(RelatedCoverage coverage) : IClusterEventSubscriber
{
    public string Name => "related:coverage";

    public Task HandleAsync(EventEnvelope envelope, CancellationToken cancellationToken) => envelope.Event switch
    {
        ArticlePublished published => coverage.RefreshAsync([published.ArticleId], cancellationToken),
        ArticleChanged changed => coverage.RefreshAsync([changed.ArticleId], cancellationToken),
        _ => Task.CompletedTask,
    };
}
