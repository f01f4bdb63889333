using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Gazette.Comments.Contracts;
using Gazette.Events;
using Gazette.Kernel;
using Gazette.Storage;

namespace Gazette.Comments;

public abstract record SubmitResult
{
    public sealed record Stored(PublicComment Comment) : SubmitResult;

    public sealed record Duplicate : SubmitResult;

    public sealed record Flooded(TimeSpan RetryAfter) : SubmitResult;
}

/// <summary>
/// Comments' SQL. Changes run in the caller's unit of work and raise the
/// events that say what changed (Articles keeps its comment count from them).
/// Submission checks duplicates and flooding, asks moderation for a status and
/// stores the comment in one transaction (shared with others by
/// <see cref="CommentCommits"/>), so its success response means it is on disk
/// (SQLite synchronous=FULL) and two identical posts cannot both get in (the
/// unique fingerprint index decides a tie).
/// </summary>
public sealed class CommentStore(Database database, TimeProvider time) : ICommentImport
{
    private const string PublicColumns = "id, article_id, parent_id, author_name, author_url, body_html, status, created_at, user_id is not null as staff";

    /// <summary>
    /// On PostgreSQL, where other nodes write at the same time: two comments from
    /// one email or one address, or with one text on one article, must meet the
    /// flood and duplicate checks one after the other. A batch takes every key of
    /// its comments at once, before any check, in key order, so two nodes' batches
    /// never deadlock; the locks end with the transaction.
    /// </summary>
    public static async Task LockAsync(UnitOfWork work, IEnumerable<NewComment> batch, CancellationToken cancellationToken = default)
    {
        if (work.Dialect.TransactionLocksSql is not { } locksSql)
        {
            return;
        }
        var keys = batch
            .SelectMany(comment => new[] { "comments:email:" + Normalized.Email(comment.AuthorEmail), "comments:ip:" + comment.Ip, $"comments:text:{comment.ArticleId}:{comment.BodySource}" })
            .Select(PostgresAdvisoryLock.KeyFor).Distinct().ToArray();
        await work.Connection.ExecuteAsync(work.Command(locksSql, new { keys }, cancellationToken));
    }

    /// <summary>Checks and stores one comment in the caller's unit, which has taken its locks (<see cref="LockAsync"/>).</summary>
    public async Task<SubmitResult> SubmitAsync(UnitOfWork work, NewComment comment, int floodSeconds, Func<bool, ModerationDecision> decide, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var email = Normalized.Email(comment.AuthorEmail);
        var fingerprint = Fingerprint(comment, email);
        var connection = work.Connection;
        var transaction = work.Transaction;
        // WordPress's rule: the same text on the same article from the same name or the same email.
        var textHash = TextHash(comment.ArticleId, comment.BodySource);
        var duplicate = new CommandDefinition(
            """
            select exists (select 1 from comments
                           where article_id = @ArticleId and text_hash = @textHash and (author_name = @AuthorName or author_email = @email)
                             and status <> 'trash')
            """,
            new { comment.ArticleId, textHash, comment.AuthorName, email }, transaction, cancellationToken: cancellationToken);
        if (await connection.ExecuteScalarAsync<bool>(duplicate))
        {
            return new SubmitResult.Duplicate();
        }
        if (floodSeconds > 0)
        {
            var last = await connection.QueryFirstOrDefaultAsync<DateTimeOffset?>(new CommandDefinition(
                "select created_at from comments where (author_email = @email or ip = @Ip) and created_at > @since order by created_at desc limit 1",
                new { email, comment.Ip, since = now.AddSeconds(-floodSeconds) }, transaction, cancellationToken: cancellationToken));
            if (last is { } previous)
            {
                // Under PostgreSQL's read committed, an identical twin may have committed
                // between the two checks: then this is a duplicate, not a flood.
                return await connection.ExecuteScalarAsync<bool>(duplicate)
                    ? new SubmitResult.Duplicate()
                    : new SubmitResult.Flooded(previous.AddSeconds(floodSeconds) - now);
            }
        }
        var hasApproved = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select exists (select 1 from comments where author_email = @email and status = 'approved')",
            new { email }, transaction, cancellationToken: cancellationToken));
        var decision = decide(hasApproved);
        var status = decision.Status;
        long id;
        try
        {
            id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                """
                insert into comments (article_id, parent_id, author_name, author_email, author_url, body_source, body_html,
                                      status, created_at, ip, user_agent, report_count, fingerprint, text_hash, moderation_rule, moderation_match, user_id)
                values (@ArticleId, @ParentId, @AuthorName, @email, @AuthorUrl, @BodySource, @BodyHtml,
                        @status, @now, @Ip, @UserAgent, 0, @fingerprint, @textHash, @Rule, @Match, @UserId)
                returning id
                """,
                new { comment.ArticleId, comment.ParentId, comment.AuthorName, email, comment.AuthorUrl, comment.BodySource, comment.BodyHtml, status, now, comment.Ip, comment.UserAgent, fingerprint, textHash, decision.Rule, decision.Match, comment.UserId },
                transaction, cancellationToken: cancellationToken));
        }
        catch (DbException ex) when (work.Dialect.IsUniqueViolation(ex))
        {
            return new SubmitResult.Duplicate();
        }
        await work.RaiseAsync(new CommentSubmitted(id, comment.ArticleId, comment.ParentId, status), cancellationToken);
        return new SubmitResult.Stored(new PublicComment
        {
            Id = id,
            ArticleId = comment.ArticleId,
            ParentId = comment.ParentId,
            AuthorName = comment.AuthorName,
            AuthorUrl = comment.AuthorUrl,
            BodyHtml = comment.BodyHtml,
            Status = status,
            CreatedAt = UtcTimestampHandler.Normalize(now),
            Staff = comment.UserId is not null,
        });
    }

    public async Task<long> AddApprovedAsync(UnitOfWork work, ImportedComment comment, CancellationToken cancellationToken = default)
    {
        var email = Normalized.Email(Normalized.Slug(comment.AuthorName) + "@imported.invalid");
        var row = new NewComment
        {
            ArticleId = comment.ArticleId,
            ParentId = comment.ParentId,
            AuthorName = comment.AuthorName,
            AuthorEmail = email,
            BodySource = comment.Text,
            BodyHtml = CommentText.FromPlainText(comment.Text).Html,
        };
        var id = await work.Connection.ExecuteScalarAsync<long>(work.Command(
            """
            insert into comments (article_id, parent_id, author_name, author_email, author_url, body_source, body_html,
                                  status, created_at, report_count, fingerprint, text_hash)
            values (@ArticleId, @ParentId, @AuthorName, @email, '', @BodySource, @BodyHtml, 'approved', @createdAt, 0, @fingerprint, @textHash)
            returning id
            """,
            new
            {
                row.ArticleId, row.ParentId, row.AuthorName, email, row.BodySource, row.BodyHtml,
                createdAt = comment.CreatedAt, fingerprint = Fingerprint(row, email), textHash = TextHash(row.ArticleId, row.BodySource),
            },
            cancellationToken));
        await work.RaiseAsync(new CommentSubmitted(id, comment.ArticleId, comment.ParentId, CommentStatus.Approved), cancellationToken);
        return id;
    }

    public async Task<long> AddAsync(UnitOfWork work, ImportedThreadComment comment, CancellationToken cancellationToken = default)
    {
        if (!CommentStatus.All.Contains(comment.Status))
        {
            throw new ArgumentException($"Unknown comment status '{comment.Status}'.", nameof(comment));
        }
        var email = Normalized.Email(comment.AuthorEmail);
        var body = comment.Html.Trim();
        // No fingerprint: the old site accepted twins, and the unique index ignores an empty one.
        var id = await work.Connection.ExecuteScalarAsync<long>(work.Command(
            $"""
            insert into comments ({(comment.Id is null ? "" : "id, ")}article_id, parent_id, author_name, author_email, author_url, body_source, body_html,
                                  status, created_at, ip, report_count, fingerprint, text_hash, user_id)
            values ({(comment.Id is null ? "" : "@Id, ")}@ArticleId, @ParentId, @AuthorName, @email, @AuthorUrl, @body, @html,
                    @Status, @CreatedAt, @ip, 0, '', @textHash, @UserId)
            returning id
            """,
            new
            {
                comment.Id, comment.ArticleId, comment.ParentId, comment.AuthorName, email, comment.AuthorUrl, body,
                html = CommentText.FromImportedHtml(body).Html, comment.Status, comment.CreatedAt,
                ip = comment.Ip.Length == 0 ? null : comment.Ip, textHash = TextHash(comment.ArticleId, body), comment.UserId,
            },
            cancellationToken));
        await work.RaiseAsync(new CommentSubmitted(id, comment.ArticleId, comment.ParentId, comment.Status), cancellationToken);
        return id;
    }

    public async Task<bool> ExistsAsync(UnitOfWork work, long id, CancellationToken cancellationToken = default) =>
        await work.Connection.ExecuteScalarAsync<bool>(work.Command("select exists (select 1 from comments where id = @id)", new { id }, cancellationToken));

    public async Task AfterExplicitIdsAsync(UnitOfWork work, CancellationToken cancellationToken = default)
    {
        if (work.Dialect == SqlDialect.Postgres)
        {
            await work.Connection.ExecuteAsync(work.Command(
                "select setval(pg_get_serial_sequence('comments', 'id'), (select coalesce(max(id), 0) + 1 from comments), false)", null, cancellationToken));
        }
    }

    public async Task<PublicComment?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<PublicComment>(new CommandDefinition(
            $"select {PublicColumns} from comments where id = @id", new { id }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<QueuedComment>> ListQueueAsync(string? status, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<QueuedComment>(new CommandDefinition(
            """
            select id, status, created_at, author_name, article_id, body_source, report_count, moderation_rule, moderation_match
            from comments
            where @status is null or status = @status
            order by created_at desc, id desc
            limit @limit
            """,
            new { status, limit }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>Moves a comment to a status; returns the move (from, and its article), or null when there is no such comment.</summary>
    public async Task<CommentStatusChanged?> SetStatusAsync(UnitOfWork work, long id, string status, CancellationToken cancellationToken = default)
    {
        var current = await work.Connection.QuerySingleOrDefaultAsync<(long ArticleId, string Status)?>(work.Command(
            "select article_id, status from comments where id = @id", new { id }, cancellationToken));
        if (current is not { } comment)
        {
            return null;
        }
        if (comment.Status != status)
        {
            await work.Connection.ExecuteAsync(work.Command("update comments set status = @status where id = @id", new { id, status }, cancellationToken));
            await work.RaiseAsync(new CommentStatusChanged(id, comment.ArticleId, comment.Status, status), cancellationToken);
        }
        return new CommentStatusChanged(id, comment.ArticleId, comment.Status, status);
    }

    /// <summary>Deletes a comment and its replies for good, each with its own event; returns what was deleted, the comment first (none when there is no such comment).</summary>
    public async Task<IReadOnlyList<CommentDeleted>> DeleteAsync(UnitOfWork work, long id, CancellationToken cancellationToken = default)
    {
        var doomed = (await work.Connection.QueryAsync<(long Id, long ArticleId, string Status)>(work.Command(
            """
            with recursive thread (id) as (
                select id from comments where id = @id
                union all
                select c.id from comments c join thread t on c.parent_id = t.id)
            select c.id, c.article_id, c.status from comments c join thread t on t.id = c.id
            """,
            new { id }, cancellationToken))).AsList();
        if (doomed.Count == 0)
        {
            return [];
        }
        await work.Connection.ExecuteAsync(work.Command("delete from comments where id = @id", new { id }, cancellationToken));
        var deleted = doomed.Select(comment => new CommentDeleted(comment.Id, comment.ArticleId, comment.Status)).ToList();
        foreach (var change in deleted)
        {
            await work.RaiseAsync(change, cancellationToken);
        }
        return deleted;
    }

    /// <summary>
    /// Records one reader's report. At <paramref name="threshold"/> reports an
    /// approved comment goes back to pending, in front of moderators; a repeated
    /// report from the same reader counts once.
    /// </summary>
    public async Task ReportAsync(UnitOfWork work, long id, string reporter, int threshold, CancellationToken cancellationToken = default)
    {
        var counted = await work.Connection.ExecuteAsync(work.Command(
            """
            insert into comment_reports (comment_id, reporter, created_at)
            select id, @reporter, @now from comments where id = @id and status = 'approved'
            on conflict (comment_id, reporter) do nothing
            """,
            new { id, reporter, now = time.GetUtcNow() }, cancellationToken)) == 1;
        if (!counted)
        {
            return;
        }
        var held = await work.Connection.QuerySingleOrDefaultAsync<long?>(work.Command(
            """
            update comments set report_count = report_count + 1,
                   status = case when report_count + 1 >= @threshold then 'pending' else status end,
                   moderation_rule = case when report_count + 1 >= @threshold then @rule else moderation_rule end,
                   moderation_match = case when report_count + 1 >= @threshold then cast(report_count + 1 as text) else moderation_match end
            where id = @id
            returning case when status = 'pending' then article_id end
            """,
            new { id, threshold, rule = ModerationRule.Reports }, cancellationToken));
        if (held is { } articleId)
        {
            await work.RaiseAsync(new CommentStatusChanged(id, articleId, CommentStatus.Approved, CommentStatus.Pending), cancellationToken);
        }
    }

    /// <summary>Erases commenters' IP addresses, user agents and reporters older than the cut-off; returns how many comments it touched.</summary>
    public async Task<int> ErasePersonalDataAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // Reporters are kept as a keyed hash of their address, which could be brute-forced: they go too (report_count keeps the tally).
        await connection.ExecuteAsync(new CommandDefinition(
            "delete from comment_reports where created_at < @before", new { before }, cancellationToken: cancellationToken));
        return await connection.ExecuteAsync(new CommandDefinition(
            "update comments set ip = null, user_agent = null where created_at < @before and (ip is not null or user_agent is not null)",
            new { before }, cancellationToken: cancellationToken));
    }

    /// <summary>SHA-256 of the article and the text, as the PostgreSQL migration computes it for older comments.</summary>
    public static string TextHash(long articleId, string body) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{articleId}\n{body}"))));

    private static string Fingerprint(NewComment comment, string email) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{comment.ArticleId}\n{comment.ParentId}\n{comment.AuthorName}\n{email}\n{comment.BodySource}")));
}
