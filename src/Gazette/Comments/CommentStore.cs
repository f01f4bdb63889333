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
/// Readers' submissions are checked and stored a batch at a time
/// (<c>CommentStore.Submissions.cs</c>).
/// </summary>
public sealed partial class CommentStore(Database database, TimeProvider time) : ICommentImport
{
    private const string PublicColumns = "id, article_id, parent_id, author_name, author_url, body_html, status, created_at, user_id is not null as staff";

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
