namespace Gazette.Rendering;

/// <summary>
/// HTML that templates print without encoding. Only the sanitizer, HTML that
/// was sanitized when it was saved, and the theme's own files become this;
/// every other value a template prints is encoded.
/// </summary>
public sealed class SafeHtml
{
    private SafeHtml(string html) => Html = html;

    public string Html { get; }

    public static SafeHtml Empty { get; } = new("");

    internal static SafeHtml FromSanitizer(string html) => new(html);

    /// <summary>For body_html columns: sanitizer output stored at save time.</summary>
    internal static SafeHtml FromStoredSanitized(string html) => new(html);

    /// <summary>For the theme's own files (its CSS) and JSON encoded with HTML-safe escaping.</summary>
    internal static SafeHtml FromTrustedSource(string html) => new(html);

    public override string ToString() => Html;
}
