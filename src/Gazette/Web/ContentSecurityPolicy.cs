namespace Gazette.Web;

/// <summary>
/// A route group's Content-Security-Policy, as endpoint metadata. The public
/// policy allows no inline script; its one inline stylesheet (the theme's
/// critical CSS) is allowed by hash, added when the headers are written.
/// </summary>
public sealed record ContentSecurityPolicy(string Value, bool AllowsCriticalCss)
{
    public static readonly ContentSecurityPolicy Public = new(
        "default-src 'self'; script-src 'self'; style-src 'self' {critical-css}; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; form-action 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'self'",
        AllowsCriticalCss: true);

    /// <summary>
    /// The newsroom: its own stylesheet and scripts only, uploaded images as blobs while they upload, never framed.
    /// The theme's critical CSS is allowed by hash because the editor's server-side preview is a theme page.
    /// </summary>
    public static readonly ContentSecurityPolicy Admin = new(
        "default-src 'self'; script-src 'self'; style-src 'self' {critical-css}; img-src 'self' data: blob:; font-src 'self'; " +
        "connect-src 'self'; form-action 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
        AllowsCriticalCss: true);

    /// <summary>JSON is never a document: nothing may load from or frame it.</summary>
    public static readonly ContentSecurityPolicy Api = new("default-src 'none'; frame-ancestors 'none'; base-uri 'none'", AllowsCriticalCss: false);

    public string Render(string criticalCssHash) => Value.Replace("{critical-css}", criticalCssHash, StringComparison.Ordinal);
}
