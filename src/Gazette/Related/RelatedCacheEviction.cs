using Gazette.Articles.Contracts;
using Gazette.Caching;
using Gazette.Events;

namespace Gazette.Related;

/// <summary>
/// On every node: an article published or changed (a headline, a date, or gone
/// from public view) drops the pages whose related coverage shows it, at once;
/// coverage stored anew drops the pages of the articles it belongs to.
/// </summary>
public sealed class RelatedCacheEviction(PageCache cache) : INodeSubscriber<ArticlePublished>, INodeSubscriber<ArticleChanged>, INodeSubscriber<RelatedCoverageChanged>
{
    public Task HandleAsync(ArticlePublished change, CancellationToken cancellationToken) =>
        cache.EvictAsync([RelatedCacheTags.Showing(change.ArticleId)], cancellationToken);

    public Task HandleAsync(ArticleChanged change, CancellationToken cancellationToken) =>
        change.Shown ? cache.EvictAsync([RelatedCacheTags.Showing(change.ArticleId)], cancellationToken) : Task.CompletedTask;

    public Task HandleAsync(RelatedCoverageChanged change, CancellationToken cancellationToken) =>
        cache.EvictAsync(change.ArticleIds.Select(RelatedCacheTags.Of), cancellationToken);
}
