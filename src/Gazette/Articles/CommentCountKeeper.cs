using Dapper;
using Gazette.Comments.Contracts;
using Gazette.Events;

namespace Gazette.Articles;

/// <summary>
/// Keeps <c>articles.comment_count</c> (approved comments) true in the very
/// transaction that changes a comment, from Comments' events: Articles owns the
/// counter, Comments never writes this table.
/// </summary>
public sealed class CommentCountKeeper :
    ITransactionSubscriber<CommentSubmitted>,
    ITransactionSubscriber<CommentStatusChanged>,
    ITransactionSubscriber<CommentDeleted>
{
    public Task HandleAsync(CommentSubmitted change, UnitOfWork work, CancellationToken cancellationToken) =>
        AddAsync(work, change.ArticleId, change.Status == CommentStatus.Approved ? 1 : 0, cancellationToken);

    public Task HandleAsync(CommentStatusChanged change, UnitOfWork work, CancellationToken cancellationToken) =>
        AddAsync(work, change.ArticleId, (change.To == CommentStatus.Approved ? 1 : 0) - (change.From == CommentStatus.Approved ? 1 : 0), cancellationToken);

    public Task HandleAsync(CommentDeleted change, UnitOfWork work, CancellationToken cancellationToken) =>
        AddAsync(work, change.ArticleId, change.Status == CommentStatus.Approved ? -1 : 0, cancellationToken);

    private static async Task AddAsync(UnitOfWork work, long articleId, int delta, CancellationToken cancellationToken)
    {
        if (delta != 0)
        {
            await work.Connection.ExecuteAsync(work.Command(
                "update articles set comment_count = comment_count + @delta where id = @articleId", new { articleId, delta }, cancellationToken));
        }
    }
}
