using System.Globalization;
using Gazette.Kernel;

namespace Gazette.Comments;

/// <summary>
/// What the comment form posts, under WordPress's field names (author, email,
/// url, comment, comment_parent, comment_post_ID) so existing tooling speaks it.
/// </summary>
public sealed record CommentForm(
    long ArticleId,
    long ParentId,
    string Author,
    string Email,
    string Url,
    string Comment,
    string Honeypot,
    string FillStamp)
{
    public const string ArticleField = "comment_post_ID";
    public const string ParentField = "comment_parent";
    public const string AuthorField = "author";
    public const string EmailField = "email";
    public const string UrlField = "url";
    public const string CommentField = "comment";
    public const string HoneypotField = "gz_website_confirm";
    public const string FillStampField = "gz_stamp";

    /// <summary>The key of an error about the whole form (it could not be saved), shown above the fields.</summary>
    public const string WholeForm = "form";

    public static readonly CommentForm Empty = new(0, 0, "", "", "", "", "", "");

    /// <summary>
    /// The form as posted. A field sent twice counts once (the first), as a
    /// browser never sends two; a reply-to that is not a comment number is kept as
    /// <see cref="UnreadableParent"/> for the validator to refuse. Line breaks
    /// become \n, and bidirectional controls are taken out of the comment text
    /// (a name that has them is refused instead).
    /// </summary>
    public static CommentForm Read(IFormCollection form)
    {
        long.TryParse(First(form, ArticleField), NumberStyles.None, CultureInfo.InvariantCulture, out var articleId);
        var parent = First(form, ParentField).Trim();
        var parentId = parent.Length == 0 ? 0
            : long.TryParse(parent, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed >= 0 ? parsed
            : UnreadableParent;
        return new CommentForm(
            articleId,
            parentId,
            First(form, AuthorField).Trim(),
            First(form, EmailField).Trim(),
            First(form, UrlField).Trim(),
            UnicodeControls.WithoutBidiControls(First(form, CommentField).ReplaceLineEndings("\n").Trim()),
            First(form, HoneypotField),
            First(form, FillStampField));
    }

    /// <summary>The reply-to field held something other than a comment number.</summary>
    public const long UnreadableParent = -1;

    private static string First(IFormCollection form, string field) => form[field] is { Count: > 0 } values ? values[0] ?? "" : "";
}
