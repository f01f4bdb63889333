namespace Gazette.Comments.Admin;

/// <summary>The buttons under one comment; <see cref="InQueue"/>: the queue also links to the comment's own page to edit or reply.</summary>
public sealed record CommentActionsView(ModeratedComment Comment, bool InQueue);
