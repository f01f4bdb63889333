using Gazette.Articles.Contracts;
using Gazette.Events;

namespace Gazette.Search;

/// <summary>
/// Follows publish, edit, unpublish, trash and scheduled publication through
/// the log: each event names an article, which is read back as the public now
/// sees it, so handling an event again (or out of date) changes nothing.
/// </summary>
public sealed class SearchSubscriber(SearchIndex index) : IClusterEventSubscriber
{
    public string Name => "search:index";

    public Task HandleAsync(EventEnvelope envelope, CancellationToken cancellationToken) => envelope.Event switch
    {
        ArticlePublished published => index.RefreshAsync([published.ArticleId], cancellationToken),
        ArticleChanged changed => index.RefreshAsync([changed.ArticleId], cancellationToken),
        _ => Task.CompletedTask,
    };

    /// <summary>A new cursor (first start, or after a restore) did not see what happened before it: the index is emptied and built again from the public articles.</summary>
    public Task StartAfreshAsync(CancellationToken cancellationToken) => index.ResetAsync(cancellationToken);
}
