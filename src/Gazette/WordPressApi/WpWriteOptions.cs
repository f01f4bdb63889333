namespace Gazette.WordPressApi;

/// <summary><c>Gazette:WordPressApi:*</c>: what the API lets callers write.</summary>
public sealed class WpWriteOptions
{
    public const string Section = "Gazette:WordPressApi";

    /// <summary>
    /// WordPress's <c>rest_allow_anonymous_comments</c>: comments from callers
    /// without credentials, judged as the reader form's are. Off, as in WordPress.
    /// </summary>
    public bool AnonymousComments { get; set; }
}
