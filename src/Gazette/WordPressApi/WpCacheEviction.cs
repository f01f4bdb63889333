using Gazette.Articles.Contracts;
using Gazette.Caching;
using Gazette.Comments.Contracts;
using Gazette.Events;
using Gazette.Media.Contracts;

namespace Gazette.WordPressApi;

/// <summary>On every node: a change to what the API shows evicts the API's cached answers (<see cref="WpCacheTags"/>).</summary>
public sealed class WpCacheEviction(PageCache cache) :
    INodeSubscriber<ArticlePublished>,
    INodeSubscriber<ArticleChanged>,
    INodeSubscriber<LiveBlogUpdated>,
    INodeSubscriber<SectionMoved>,
    INodeSubscriber<CommentSubmitted>,
    INodeSubscriber<CommentStatusChanged>,
    INodeSubscriber<CommentDeleted>,
    INodeSubscriber<CommentEdited>,
    INodeSubscriber<TermCreated>,
    INodeSubscriber<MediaUploaded>,
    INodeSubscriber<MediaChanged>,
    INodeSubscriber<MediaDeleted>
{
    public Task HandleAsync(ArticlePublished change, CancellationToken cancellationToken) => EvictAsync(cancellationToken);

    public Task HandleAsync(ArticleChanged change, CancellationToken cancellationToken) => EvictAsync(cancellationToken);

    /// <summary>A live blog's post is modified at its latest entry.</summary>
    public Task HandleAsync(LiveBlogUpdated change, CancellationToken cancellationToken) => EvictAsync(cancellationToken);

    /// <summary>A category's <c>parent</c> changed.</summary>
    public Task HandleAsync(SectionMoved change, CancellationToken cancellationToken) => EvictAsync(cancellationToken);

    public Task HandleAsync(CommentSubmitted change, CancellationToken cancellationToken) =>
        change.Status == CommentStatus.Approved ? EvictAsync(cancellationToken) : Task.CompletedTask;

    public Task HandleAsync(CommentStatusChanged change, CancellationToken cancellationToken) =>
        change.From == CommentStatus.Approved || change.To == CommentStatus.Approved ? EvictAsync(cancellationToken) : Task.CompletedTask;

    public Task HandleAsync(CommentDeleted change, CancellationToken cancellationToken) =>
        change.Status == CommentStatus.Approved ? EvictAsync(cancellationToken) : Task.CompletedTask;

    public Task HandleAsync(CommentEdited change, CancellationToken cancellationToken) =>
        change.Status == CommentStatus.Approved ? EvictAsync(cancellationToken) : Task.CompletedTask;

    public Task HandleAsync(TermCreated change, CancellationToken cancellationToken) => EvictAsync(cancellationToken);

    public Task HandleAsync(MediaUploaded change, CancellationToken cancellationToken) => EvictAsync(cancellationToken);

    public Task HandleAsync(MediaChanged change, CancellationToken cancellationToken) => EvictAsync(cancellationToken);

    public Task HandleAsync(MediaDeleted change, CancellationToken cancellationToken) => EvictAsync(cancellationToken);

    private Task EvictAsync(CancellationToken cancellationToken) => cache.EvictAsync([WpCacheTags.Api], cancellationToken);
}
