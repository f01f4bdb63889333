using Gazette.Articles.Contracts;
using Gazette.Caching;
using Gazette.Events;

namespace Gazette.Sitemaps;

/// <summary>On every node: an article published, changed, unpublished or trashed changes the blocks and the cached sitemaps.</summary>
public sealed class SitemapCacheEviction(SitemapBlocks blocks, PageCache cache) : INodeSubscriber<ArticlePublished>, INodeSubscriber<ArticleChanged>
{
    /// <summary>The output-cache tag of every cached sitemap (the index, the news sitemap, the small files).</summary>
    public const string Tag = "sitemaps";

    public Task HandleAsync(ArticlePublished change, CancellationToken cancellationToken) => EvictAsync(cancellationToken);

    /// <summary>A change the public never saw (a draft's, a schedule's) lists nothing new.</summary>
    public Task HandleAsync(ArticleChanged change, CancellationToken cancellationToken) => change.Shown ? EvictAsync(cancellationToken) : Task.CompletedTask;

    private Task EvictAsync(CancellationToken cancellationToken)
    {
        blocks.Forget();
        return cache.EvictAsync([Tag], cancellationToken);
    }
}
