using Gazette.Articles.Contracts;
using Gazette.Comments.Contracts;

namespace Gazette.Import;

/// <summary>WordPress's statuses and dates in Gazette's terms.</summary>
public static class WordPressStatus
{
    /// <summary>
    /// A post's status and publication time. <c>future</c> is published with a
    /// date to come, which Gazette schedules; a post with a password is private,
    /// since Gazette has no post passwords and it must stay out of public view;
    /// a draft keeps no date (WordPress writes <c>0000-00-00 00:00:00</c>).
    /// </summary>
    public static (string Status, DateTimeOffset? PublishedAt) Of(WxrPost post)
    {
        var date = post.DateGmt ?? (post.DateLocal is { } local ? new DateTimeOffset(local, TimeSpan.Zero) : null);
        return post.Status switch
        {
            "publish" or "future" when post.Password.Length > 0 => (ImportedStatus.Private, date),
            "publish" or "future" => (ImportedStatus.Published, date),
            "private" => (ImportedStatus.Private, date),
            "pending" => (ImportedStatus.Pending, null),
            "trash" => (ImportedStatus.Trash, null),
            _ => (ImportedStatus.Draft, null),
        };
    }

    /// <summary>WordPress's <c>comment_approved</c>: 1, 0, spam, trash (post-trashed: its post went to the trash).</summary>
    public static string OfComment(string approved) => approved switch
    {
        "1" or "approve" => CommentStatus.Approved,
        "spam" => CommentStatus.Spam,
        "trash" or "post-trashed" => CommentStatus.Trash,
        _ => CommentStatus.Pending,
    };
}
