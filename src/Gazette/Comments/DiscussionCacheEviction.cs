using Gazette.Caching;
using Gazette.Comments.Contracts;
using Gazette.Events;

namespace Gazette.Comments;

/// <summary>
/// On every node: a comment that appears on, leaves or changes in an article's
/// discussion evicts the pages showing it. Pending and spam comments show nowhere cached,
/// so moving between them evicts nothing.
/// </summary>
public sealed class DiscussionCacheEviction(PageCache cache) :
    INodeSubscriber<CommentSubmitted>,
    INodeSubscriber<CommentStatusChanged>,
    INodeSubscriber<CommentDeleted>,
    INodeSubscriber<CommentEdited>
{
    public Task HandleAsync(CommentSubmitted change, CancellationToken cancellationToken) =>
        EvictIfShownAsync(change.ArticleId, change.Status == CommentStatus.Approved, cancellationToken);

    public Task HandleAsync(CommentStatusChanged change, CancellationToken cancellationToken) =>
        EvictIfShownAsync(change.ArticleId, change.From == CommentStatus.Approved || change.To == CommentStatus.Approved, cancellationToken);

    public Task HandleAsync(CommentDeleted change, CancellationToken cancellationToken) =>
        EvictIfShownAsync(change.ArticleId, change.Status == CommentStatus.Approved, cancellationToken);

    public Task HandleAsync(CommentEdited change, CancellationToken cancellationToken) =>
        EvictIfShownAsync(change.ArticleId, change.Status == CommentStatus.Approved, cancellationToken);

    private Task EvictIfShownAsync(long articleId, bool shown, CancellationToken cancellationToken) =>
        shown ? cache.EvictAsync([DiscussionSlot.CacheTag(articleId)], cancellationToken) : Task.CompletedTask;
}
