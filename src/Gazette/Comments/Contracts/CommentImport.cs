using Gazette.Events;

namespace Gazette.Comments.Contracts;

/// <summary>
/// A comment written elsewhere (generated demo content), approved as it comes;
/// <paramref name="Text"/> is plain text. It carries no email: a commenter's
/// address is read in Comments alone, which stores one that receives no mail.
/// </summary>
public sealed record ImportedComment(long ArticleId, long? ParentId, string AuthorName, string Text, DateTimeOffset CreatedAt);

/// <summary>
/// Adds approved comments in the caller's unit of work, past the readers'
/// checks (closed discussions, floods, moderation), raising what a reader's
/// approved comment raises, so counts and caches follow.
/// </summary>
public interface ICommentImport
{
    Task<long> AddApprovedAsync(UnitOfWork work, ImportedComment comment, CancellationToken cancellationToken = default);
}
