namespace Gazette.Comments.Contracts;

/// <summary>A comment's statuses, as stored and as events carry them; only approved comments are shown and counted.</summary>
public static class CommentStatus
{
    public const string Pending = "pending";
    public const string Approved = "approved";
    public const string Spam = "spam";
    public const string Trash = "trash";

    public static readonly IReadOnlyList<string> All = [Pending, Approved, Spam, Trash];
}
