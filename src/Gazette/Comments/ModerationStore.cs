using Dapper;
using Gazette.Comments.Contracts;
using Gazette.Events;
using Gazette.Kernel;
using Gazette.Storage;

namespace Gazette.Comments;

/// <summary>A comment as moderators see it: everything stored, the commenter's email and address too.</summary>
public sealed record ModeratedComment
{
    public long Id { get; init; }
    public long ArticleId { get; init; }
    public long? ParentId { get; init; }
    public required string AuthorName { get; init; }
    public required string AuthorEmail { get; init; }
    public string AuthorUrl { get; init; } = "";
    public string? Ip { get; init; }
    public string? UserAgent { get; init; }
    public required string BodySource { get; init; }
    public required string BodyHtml { get; init; }
    public required string Status { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public string? ModerationRule { get; init; }
    public string? ModerationMatch { get; init; }
    public int ReportCount { get; init; }
    public bool Staff { get; init; }
    public long? UserId { get; init; }
}

/// <summary>
/// The moderation screens' and the privacy tools' SQL: the only reads of a
/// commenter's email, address and user agent besides the submission checks.
/// Changes run in the caller's unit of work and raise Comments' events.
/// </summary>
public sealed class ModerationStore(Database database, TimeProvider time)
{
    private const string Columns =
        """
        id, article_id, parent_id, author_name, author_email, author_url, ip, user_agent, body_source, body_html, status, created_at,
        moderation_rule, moderation_match, report_count, user_id is not null as staff, user_id
        """;

    /// <summary>How many comments each status holds, every status named.</summary>
    public async Task<IReadOnlyDictionary<string, int>> CountsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Status, long Count)>(new CommandDefinition(
            "select status, count(*) from comments group by status", cancellationToken: cancellationToken));
        var counts = CommentStatus.All.ToDictionary(status => status, _ => 0, StringComparer.Ordinal);
        foreach (var (status, count) in rows)
        {
            counts[status] = (int)count;
        }
        return counts;
    }

    /// <summary>How many comments wait for a moderator: the queue's index answers it.</summary>
    public async Task<long> PendingCountAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "select count(*) from comments where status = @status", new { status = CommentStatus.Pending }, cancellationToken: cancellationToken));
    }

    /// <summary>One page of a status, newest first.</summary>
    public async Task<IReadOnlyList<ModeratedComment>> ListAsync(string status, int offset, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ModeratedComment>(new CommandDefinition(
            $"select {Columns} from comments where status = @status order by created_at desc, id desc limit @limit offset @offset",
            new { status, limit, offset }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public async Task<ModeratedComment?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ModeratedComment>(new CommandDefinition(
            $"select {Columns} from comments where id = @id", new { id }, cancellationToken: cancellationToken));
    }

    public async Task<ModeratedComment?> FindAsync(UnitOfWork work, long id, CancellationToken cancellationToken = default) =>
        await work.Connection.QuerySingleOrDefaultAsync<ModeratedComment>(work.Command(
            $"select {Columns} from comments where id = @id", new { id }, cancellationToken));

    /// <summary>Every comment written with this email, oldest first (an export, an erasure, "approve all from this author").</summary>
    public async Task<IReadOnlyList<ModeratedComment>> ByEmailAsync(UnitOfWork work, string email, CancellationToken cancellationToken = default) =>
        (await work.Connection.QueryAsync<ModeratedComment>(work.Command(
            $"select {Columns} from comments where author_email = @email order by created_at, id",
            new { email = Normalized.Email(email) }, cancellationToken))).AsList();

    /// <summary>A moderator's edit: the new text and its HTML, as the public path would have made them.</summary>
    public async Task EditAsync(UnitOfWork work, ModeratedComment comment, string source, string html, CancellationToken cancellationToken = default)
    {
        await work.Connection.ExecuteAsync(work.Command(
            "update comments set body_source = @source, body_html = @html, text_hash = @textHash where id = @Id",
            new { comment.Id, source, html, textHash = CommentStore.TextHash(comment.ArticleId, source) }, cancellationToken));
        await work.RaiseAsync(new CommentEdited(comment.Id, comment.ArticleId, comment.Status), cancellationToken);
    }

    /// <summary>A reply by a member of the newsroom: approved at once, marked as theirs; returns its id.</summary>
    public async Task<long> AddStaffReplyAsync(UnitOfWork work, ModeratedComment parent, long userId, string name, string source, string html, CancellationToken cancellationToken = default)
    {
        // No email: the account says who wrote it, and staff replies are never checked for duplicates or floods.
        var id = await work.Connection.ExecuteScalarAsync<long>(work.Command(
            """
            insert into comments (article_id, parent_id, author_name, author_email, author_url, body_source, body_html,
                                  status, created_at, report_count, fingerprint, text_hash, user_id)
            values (@ArticleId, @Id, @name, '', '', @source, @html, 'approved', @now, 0, '', @textHash, @userId)
            returning id
            """,
            new { parent.ArticleId, parent.Id, name, source, html, now = time.GetUtcNow(), textHash = CommentStore.TextHash(parent.ArticleId, source), userId },
            cancellationToken));
        await work.RaiseAsync(new CommentSubmitted(id, parent.ArticleId, parent.Id, CommentStatus.Approved), cancellationToken);
        return id;
    }

    /// <summary>
    /// Removes who wrote a comment and keeps what they wrote: the name becomes
    /// "Anonymous"; email, website, address, user agent, the matched list entry
    /// and the fingerprint (a hash of the email) go.
    /// </summary>
    public async Task AnonymizeAsync(UnitOfWork work, ModeratedComment comment, CancellationToken cancellationToken = default)
    {
        await work.Connection.ExecuteAsync(work.Command(
            """
            update comments set author_name = @anonymous, author_email = '', author_url = '', ip = null, user_agent = null,
                                moderation_match = null, fingerprint = ''
            where id = @Id
            """,
            new { comment.Id, anonymous = PersonalDataTools.AnonymousName }, cancellationToken));
        await work.RaiseAsync(new CommentEdited(comment.Id, comment.ArticleId, comment.Status), cancellationToken);
    }

    /// <summary>
    /// Deletes one comment for good; its replies, written by others, move up to
    /// its parent rather than going with it.
    /// </summary>
    public async Task EraseAsync(UnitOfWork work, ModeratedComment comment, CancellationToken cancellationToken = default)
    {
        await work.Connection.ExecuteAsync(work.Command(
            "update comments set parent_id = @ParentId where parent_id = @Id", new { comment.Id, comment.ParentId }, cancellationToken));
        await work.Connection.ExecuteAsync(work.Command("delete from comments where id = @Id", new { comment.Id }, cancellationToken));
        await work.RaiseAsync(new CommentDeleted(comment.Id, comment.ArticleId, comment.Status), cancellationToken);
    }
}
