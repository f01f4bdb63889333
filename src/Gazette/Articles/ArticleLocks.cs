using Dapper;
using Gazette.Events;
using Gazette.Storage;
using Gazette.Web;

namespace Gazette.Articles;

/// <summary>Who is editing an article, since when, and when their page last renewed the lock.</summary>
public sealed record ArticleLock
{
    public long ArticleId { get; init; }
    public long UserId { get; init; }

    /// <summary>Their display name when they took the lock, for the banner ("Alice has been editing this since 10:42").</summary>
    public required string UserName { get; init; }
    public DateTimeOffset LockedSince { get; init; }
    public DateTimeOffset RenewedAt { get; init; }
}

public enum LockOutcome
{
    /// <summary>The user holds the lock (taken, renewed or taken over).</summary>
    Held,

    /// <summary>Someone else holds it: <see cref="LockResult.Lock"/> says who and since when; the user may take it over.</summary>
    HeldByOther,

    NotFound,
    Forbidden,
}

public sealed record LockResult(LockOutcome Outcome, ArticleLock? Lock);

/// <summary>
/// WordPress's post lock: the editor's page takes the lock when it opens and
/// renews it while open; a lock not renewed for <see cref="Expiry"/> is free.
/// Someone else may take it over (the holder's page then shows who did).
/// The lock only warns: what keeps saves from overwriting each other is the
/// article's version (<see cref="ArticleEditor"/>).
/// </summary>
public sealed class ArticleLocks(Database database, UnitsOfWork units, TimeProvider time)
{
    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(150);

    /// <summary>Takes the lock if it is free, expired or already this user's (renewing it, keeping "since").</summary>
    public Task<LockResult> TakeAsync(NewsroomUser actor, long articleId, CancellationToken cancellationToken = default) =>
        LockAsync(actor, articleId, takeOver: false, cancellationToken);

    /// <summary>The page's heartbeat: the same as <see cref="TakeAsync"/>, so a lock that lapsed is taken again if still free.</summary>
    public Task<LockResult> RenewAsync(NewsroomUser actor, long articleId, CancellationToken cancellationToken = default) =>
        LockAsync(actor, articleId, takeOver: false, cancellationToken);

    /// <summary>Takes the lock from whoever holds it.</summary>
    public Task<LockResult> TakeOverAsync(NewsroomUser actor, long articleId, CancellationToken cancellationToken = default) =>
        LockAsync(actor, articleId, takeOver: true, cancellationToken);

    /// <summary>Lets go of the lock if this user holds it (the editor page closed).</summary>
    public async Task ReleaseAsync(NewsroomUser actor, long articleId, CancellationToken cancellationToken = default)
    {
        await using var work = await units.BeginAsync(cancellationToken);
        await work.Connection.ExecuteAsync(work.Command(
            "delete from article_locks where article_id = @articleId and user_id = @userId", new { articleId, userId = actor.Id }, cancellationToken));
        await work.CommitAsync(cancellationToken);
    }

    /// <summary>Who holds the lock now (not expired), if anyone.</summary>
    public async Task<ArticleLock?> HolderAsync(long articleId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ArticleLock>(new CommandDefinition(
            "select article_id, user_id, user_name, locked_since, renewed_at from article_locks where article_id = @articleId and renewed_at >= @freshSince",
            new { articleId, freshSince = time.GetUtcNow() - Expiry }, cancellationToken: cancellationToken));
    }

    private async Task<LockResult> LockAsync(NewsroomUser actor, long articleId, bool takeOver, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var work = await units.BeginAsync(cancellationToken);
        var article = await ArticleStore.FindAsync(work.Connection, work.Transaction, articleId, cancellationToken);
        if (article is null)
        {
            return new LockResult(LockOutcome.NotFound, null);
        }
        if (!ArticleRules.MayOpen(actor, article))
        {
            return new LockResult(LockOutcome.Forbidden, null);
        }
        // The old row's values in SET and WHERE: a renewal keeps its "since"; only a free, lapsed or own lock is taken unless taking over.
        var taken = await work.Connection.ExecuteAsync(work.Command(
            $"""
            insert into article_locks (article_id, user_id, user_name, locked_since, renewed_at) values (@articleId, @userId, @userName, @now, @now)
            on conflict (article_id) do update set
                locked_since = case when article_locks.user_id = excluded.user_id and article_locks.renewed_at >= @freshSince
                                    then article_locks.locked_since else excluded.locked_since end,
                user_id = excluded.user_id, user_name = excluded.user_name, renewed_at = excluded.renewed_at
            {(takeOver ? "" : "where article_locks.user_id = excluded.user_id or article_locks.renewed_at < @freshSince")}
            """,
            new { articleId, userId = actor.Id, userName = actor.Name, now, freshSince = now - Expiry }, cancellationToken)) == 1;
        var holder = await work.Connection.QuerySingleAsync<ArticleLock>(work.Command(
            "select article_id, user_id, user_name, locked_since, renewed_at from article_locks where article_id = @articleId", new { articleId }, cancellationToken));
        await work.CommitAsync(cancellationToken);
        return new LockResult(taken ? LockOutcome.Held : LockOutcome.HeldByOther, holder);
    }
}
