namespace Gazette.Comments.Contracts;

/// <summary>A reader's comment was stored with this status (approved, pending, spam).</summary>
public sealed record CommentSubmitted(long CommentId, long ArticleId, long? ParentId, string Status);

/// <summary>A moderator, a reader's reports or a rule moved a comment from one status to another.</summary>
public sealed record CommentStatusChanged(long CommentId, long ArticleId, string From, string To);

/// <summary>A comment was deleted for good (with its replies, each its own event), in the status it had.</summary>
public sealed record CommentDeleted(long CommentId, long ArticleId, string Status);


/// <summary>A comment's text or author was changed where it stands (a moderator's edit, an erasure that anonymized it).</summary>
public sealed record CommentEdited(long CommentId, long ArticleId, string Status);
