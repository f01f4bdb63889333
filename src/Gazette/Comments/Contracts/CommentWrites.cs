using Gazette.Web;

namespace Gazette.Comments.Contracts;

/// <summary>
/// A comment as its moderators see it (WordPress's edit context): any status,
/// with the commenter's email, address and user agent, and the text as typed.
/// <paramref name="UserId"/> is the member who wrote it as staff, if any.
/// </summary>
public sealed record EditableComment(
    long Id, long ArticleId, long? ParentId, long? UserId, string AuthorName, string AuthorEmail, string AuthorUrl,
    string? Ip, string? UserAgent, string BodySource, string BodyHtml, string Status, DateTimeOffset CreatedAt);

/// <summary>
/// A comment sent from outside the reader form (an API client): the same checks,
/// moderation and events as the form. <paramref name="Member"/> is the signed-in
/// member sending it, if any (an editor's comment is approved at once, as staff).
/// </summary>
public sealed record CommentSubmission(
    long ArticleId, long ParentId, string AuthorName, string AuthorEmail, string AuthorUrl, string Text, string? Ip, string? UserAgent, NewsroomUser? Member);

public enum CommentWriteStatus
{
    Done,
    NoArticle,
    Closed,
    Invalid,
    Duplicate,
    Flooded,
    NotFound,
    Refused,
    AlreadyTrashed,
}

/// <summary>
/// What a write did: <see cref="CommentWriteStatus.Done"/> with the comment as it
/// now stands, or why not; <paramref name="Errors"/> by field for
/// <see cref="CommentWriteStatus.Invalid"/> (the reader form's field names:
/// comment, author, email, url, comment_parent, status).
/// </summary>
public sealed record CommentWriteResult(CommentWriteStatus Status, EditableComment? Comment = null, IReadOnlyDictionary<string, string>? Errors = null, TimeSpan? RetryAfter = null)
{
    public const string TextField = "comment";
    public const string AuthorField = "author";
    public const string EmailField = "email";
    public const string UrlField = "url";
    public const string ParentField = "comment_parent";
    public const string StatusField = "status";
}

/// <summary>
/// Comments written and moderated from outside the newsroom's screens (the
/// WordPress API), through the same paths as the reader form and the moderation
/// queue. Reading and changing need <see cref="NewsroomUser.CanModerate"/>.
/// Implemented by Comments.
/// </summary>
public interface ICommentWrites
{
    Task<CommentWriteResult> SubmitAsync(CommentSubmission submission, CancellationToken cancellationToken);

    /// <summary>
    /// A page of comments in <paramref name="statuses"/> filtered as the public
    /// list is (its hidden articles are ignored: moderators see every article's), for a moderator; empty for anyone else.
    /// </summary>
    Task<(IReadOnlyList<EditableComment> Items, int Total)> ListAsync(NewsroomUser actor, PublicCommentQuery query, IReadOnlyList<string> statuses, CancellationToken cancellationToken);

    /// <summary>Comments of any status by id, for a moderator; empty for anyone else.</summary>
    Task<IReadOnlyList<EditableComment>> FindAsync(NewsroomUser actor, IReadOnlyCollection<long> ids, CancellationToken cancellationToken);

    /// <summary>Sets the status (one of <see cref="CommentStatus.All"/>) and/or the text of a comment.</summary>
    Task<CommentWriteResult> UpdateAsync(NewsroomUser actor, long id, string? status, string? text, CancellationToken cancellationToken);

    /// <summary>Moves a comment to the trash, or with <paramref name="force"/> deletes it for good (through the trash, with its replies).</summary>
    Task<CommentWriteResult> DeleteAsync(NewsroomUser actor, long id, bool force, CancellationToken cancellationToken);
}
