using Gazette.Events;

namespace Gazette.Comments.Contracts;

/// <summary>
/// A comment written elsewhere (generated demo content), approved as it comes;
/// <paramref name="Text"/> is plain text. It carries no email: a commenter's
/// address is read in Comments alone, which stores one that receives no mail.
/// </summary>
public sealed record ImportedComment(long ArticleId, long? ParentId, string AuthorName, string Text, DateTimeOffset CreatedAt);

/// <summary>
/// A comment from another site with its thread, status (one of
/// <see cref="CommentStatus"/>) and commenter; <paramref name="Html"/> is the
/// comment as stored there, kept to the comment allow-list. <paramref name="Id"/>
/// is kept when free. The email goes into Comments' store and nowhere else.
/// </summary>
public sealed record ImportedThreadComment(
    long? Id,
    long ArticleId,
    long? ParentId,
    string Status,
    string AuthorName,
    string AuthorEmail,
    string AuthorUrl,
    string Ip,
    string Html,
    DateTimeOffset CreatedAt,
    long? UserId);

/// <summary>
/// Adds approved comments in the caller's unit of work, past the readers'
/// checks (closed discussions, floods, moderation), raising what a reader's
/// approved comment raises, so counts and caches follow.
/// </summary>
public interface ICommentImport
{
    Task<long> AddApprovedAsync(UnitOfWork work, ImportedComment comment, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds a comment with its status, raising what a reader's comment raises.
    /// Another site's moderation stands: no duplicate, flood or moderation check.
    /// </summary>
    Task<long> AddAsync(UnitOfWork work, ImportedThreadComment comment, CancellationToken cancellationToken = default);

    /// <summary>Whether a comment has this id.</summary>
    Task<bool> ExistsAsync(UnitOfWork work, long id, CancellationToken cancellationToken = default);

    /// <summary>After ids were given explicitly: the next id the database makes is past them.</summary>
    Task AfterExplicitIdsAsync(UnitOfWork work, CancellationToken cancellationToken = default);
}
