using Gazette.Articles.Contracts;
using Gazette.Caching;
using Gazette.Comments.Contracts;
using Gazette.Events;

namespace Gazette.Feeds;

/// <summary>
/// On every node: an article that is published, changed or withdrawn evicts the
/// feeds that may list it (the site's, its sections', tags' and members' by the
/// ids before and after the change) and the comment feeds that show its title; a
/// change the public never saw evicts none; a comment that appears in, leaves or
/// changes in a discussion evicts the comment feeds. Settings changes evict every
/// page, feeds included, on their own.
/// </summary>
public sealed class FeedCacheEviction(PageCache cache) :
    INodeSubscriber<ArticlePublished>,
    INodeSubscriber<ArticleChanged>,
    INodeSubscriber<LiveBlogUpdated>,
    INodeSubscriber<SectionMoved>,
    INodeSubscriber<CommentSubmitted>,
    INodeSubscriber<CommentStatusChanged>,
    INodeSubscriber<CommentDeleted>,
    INodeSubscriber<CommentEdited>
{
    public Task HandleAsync(ArticlePublished change, CancellationToken cancellationToken) =>
        EvictArticleAsync(change.ArticleId, change.SectionIds, change.TagIds, change.MemberIds, cancellationToken);

    public Task HandleAsync(ArticleChanged change, CancellationToken cancellationToken) =>
        change.Shown ? EvictArticleAsync(change.ArticleId, change.SectionIds, change.TagIds, change.MemberIds, cancellationToken) : Task.CompletedTask;

    /// <summary>A live blog's item carries its latest entry and its time (decision 151); comment feeds show only its title.</summary>
    public Task HandleAsync(LiveBlogUpdated change, CancellationToken cancellationToken) =>
        cache.EvictAsync(
            [FeedCacheTags.Articles, FeedCacheTags.Authors, .. change.SectionIds.Select(FeedCacheTags.Section), .. change.TagIds.Select(FeedCacheTags.Tag)],
            cancellationToken);

    /// <summary>A section's feed carries the feed tags of every section beneath it, so the moved one's reaches the feeds it left; the new parent's lists it now.</summary>
    public Task HandleAsync(SectionMoved change, CancellationToken cancellationToken) =>
        cache.EvictAsync(new[] { change.SectionId, change.OldParentId, change.NewParentId }.OfType<long>().Select(FeedCacheTags.Section), cancellationToken);

    public Task HandleAsync(CommentSubmitted change, CancellationToken cancellationToken) =>
        EvictCommentsAsync(change.ArticleId, change.Status == CommentStatus.Approved, cancellationToken);

    public Task HandleAsync(CommentStatusChanged change, CancellationToken cancellationToken) =>
        EvictCommentsAsync(change.ArticleId, change.From == CommentStatus.Approved || change.To == CommentStatus.Approved, cancellationToken);

    public Task HandleAsync(CommentDeleted change, CancellationToken cancellationToken) =>
        EvictCommentsAsync(change.ArticleId, change.Status == CommentStatus.Approved, cancellationToken);

    public Task HandleAsync(CommentEdited change, CancellationToken cancellationToken) =>
        EvictCommentsAsync(change.ArticleId, change.Status == CommentStatus.Approved, cancellationToken);

    private Task EvictArticleAsync(long articleId, IReadOnlyList<long> sectionIds, IReadOnlyList<long> tagIds, IReadOnlyList<long>? memberIds, CancellationToken cancellationToken) =>
        cache.EvictAsync(
            [
                FeedCacheTags.Articles,
                FeedCacheTags.Comments,
                FeedCacheTags.ArticleComments(articleId),
                .. sectionIds.Select(FeedCacheTags.Section),
                .. tagIds.Select(FeedCacheTags.Tag),
                .. memberIds is null ? [FeedCacheTags.Authors] : memberIds.Select(FeedCacheTags.Author),
            ],
            cancellationToken);

    private Task EvictCommentsAsync(long articleId, bool shown, CancellationToken cancellationToken) =>
        shown ? cache.EvictAsync([FeedCacheTags.Comments, FeedCacheTags.ArticleComments(articleId)], cancellationToken) : Task.CompletedTask;
}
