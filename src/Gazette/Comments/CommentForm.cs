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

    public static readonly CommentForm Empty = new(0, 0, "", "", "", "", "", "");

    public static CommentForm Read(IFormCollection form)
    {
        long.TryParse(form[ArticleField], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var articleId);
        long.TryParse(form[ParentField], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parentId);
        return new CommentForm(
            articleId,
            parentId,
            form[AuthorField].ToString().Trim(),
            form[EmailField].ToString().Trim(),
            form[UrlField].ToString().Trim(),
            form[CommentField].ToString().Replace("\r\n", "\n", StringComparison.Ordinal).Trim(),
            form[HoneypotField].ToString(),
            form[FillStampField].ToString());
    }
}
