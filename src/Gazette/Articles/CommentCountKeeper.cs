using Dapper;
using Gazette.Comments.Contracts;
using Gazette.Events;
using Gazette.Storage;

namespace Gazette.Articles;

/// <summary>
/// Keeps <c>articles.comment_count</c> (approved comments) and the site's total
/// (<c>comment_totals</c>, decision 165) true in the very transaction that changes
/// a comment, from Comments' events: Articles owns the counters, Comments never
/// writes these tables.
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

    /// <summary>Takes an article's approved comments out of the site's total, before the row (and its comments, by cascade) is deleted.</summary>
    public static Task ForgetAsync(UnitOfWork work, long articleId, CancellationToken cancellationToken) =>
        work.Connection.ExecuteAsync(work.Command(
            $"insert into comment_totals (stripe, approved) select {Stripe(work)}, -comment_count from articles where id = @articleId and comment_count > 0 {AddToStripe}",
            new { articleId }, cancellationToken));

    private static async Task AddAsync(UnitOfWork work, long articleId, int delta, CancellationToken cancellationToken)
    {
        if (delta != 0)
        {
            await work.Connection.ExecuteAsync(work.Command(
                "update articles set comment_count = comment_count + @delta where id = @articleId", new { articleId, delta }, cancellationToken));
            await work.Connection.ExecuteAsync(work.Command(
                $"insert into comment_totals (stripe, approved) values ({Stripe(work)}, @delta) {AddToStripe}", new { delta }, cancellationToken));
        }
    }

    private const string AddToStripe = "on conflict (stripe) do update set approved = comment_totals.approved + excluded.approved";

    /// <summary>One row per session: PostgreSQL's concurrent comment commits each add to their own row, never waiting on another's.</summary>
    private static string Stripe(UnitOfWork work) => work.Dialect == SqlDialect.Postgres ? "pg_backend_pid()" : "0";
}
