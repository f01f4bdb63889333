using Gazette.Articles.Contracts;
using Gazette.Caching;
using Gazette.Comments.Contracts;
using Gazette.Events;

namespace Gazette.Feeds;

/// <summary>
/// On every node: an article that is published, changed or withdrawn evicts the
/// feeds that may list it (its sections' and tags' by the ids before and after
/// the change) and the comment feeds that show its title; a comment that appears
/// in, leaves or changes in a discussion evicts the comment feeds. Settings
/// changes evict every page, feeds included, on their own.
/// </summary>
public sealed class FeedCacheEviction(PageCache cache) :
    INodeSubscriber<ArticlePublished>,
    INodeSubscriber<ArticleChanged>,
    INodeSubscriber<LiveBlogUpdated>,
    INodeSubscriber<CommentSubmitted>,
    INodeSubscriber<CommentStatusChanged>,
    INodeSubscriber<CommentDeleted>,
    INodeSubscriber<CommentEdited>
{
    public Task HandleAsync(ArticlePublished change, CancellationToken cancellationToken) =>
        EvictArticleAsync(change.ArticleId, change.SectionIds, change.TagIds, cancellationToken);

    public Task HandleAsync(ArticleChanged change, CancellationToken cancellationToken) =>
        EvictArticleAsync(change.ArticleId, change.SectionIds, change.TagIds, cancellationToken);

    /// <summary>A live blog's item carries its latest entry and its time (decision 151); comment feeds show only its title.</summary>
    public Task HandleAsync(LiveBlogUpdated change, CancellationToken cancellationToken) =>
        cache.EvictAsync(
            [FeedCacheTags.Articles, .. change.SectionIds.Select(FeedCacheTags.Section), .. change.TagIds.Select(FeedCacheTags.Tag)],
            cancellationToken);

    public Task HandleAsync(CommentSubmitted change, CancellationToken cancellationToken) =>
        EvictCommentsAsync(change.ArticleId, change.Status == CommentStatus.Approved, cancellationToken);

    public Task HandleAsync(CommentStatusChanged change, CancellationToken cancellationToken) =>
        EvictCommentsAsync(change.ArticleId, change.From == CommentStatus.Approved || change.To == CommentStatus.Approved, cancellationToken);

    public Task HandleAsync(CommentDeleted change, CancellationToken cancellationToken) =>
        EvictCommentsAsync(change.ArticleId, change.Status == CommentStatus.Approved, cancellationToken);

    public Task HandleAsync(CommentEdited change, CancellationToken cancellationToken) =>
        EvictCommentsAsync(change.ArticleId, change.Status == CommentStatus.Approved, cancellationToken);

    private Task EvictArticleAsync(long articleId, IReadOnlyList<long> sectionIds, IReadOnlyList<long> tagIds, CancellationToken cancellationToken) =>
        cache.EvictAsync(
            [
                FeedCacheTags.Articles,
                FeedCacheTags.Comments,
                FeedCacheTags.ArticleComments(articleId),
                .. sectionIds.Select(FeedCacheTags.Section),
                .. tagIds.Select(FeedCacheTags.Tag),
            ],
            cancellationToken);

    private Task EvictCommentsAsync(long articleId, bool shown, CancellationToken cancellationToken) =>
        shown ? cache.EvictAsync([FeedCacheTags.Comments, FeedCacheTags.ArticleComments(articleId)], cancellationToken) : Task.CompletedTask;
}
