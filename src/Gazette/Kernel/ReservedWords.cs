namespace Gazette.Kernel;

/// <summary>
/// First path segments the platform owns now or will (see docs/routing.md).
/// No slug may take one, so no page or archive can ever shadow a route.
/// </summary>
public static class ReservedWords
{
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        "admin", "api", "assets", "author", "comments", "comment-page", "feed", "feed-json", "healthz",
        "login", "logout", "media", "metrics", "page", "robots-txt", "search", "section", "sections", "sitemap",
        "sitemap-xml", "tag", "wp-admin", "wp-content", "wp-includes", "wp-json", "wp-login-php", "xmlrpc-php",
    };

    public static bool IsReserved(string slug) => All.Contains(slug);

    /// <summary>Digits only: an article or page slug like this would read as a date archive (/2024/), so none may have one.</summary>
    public static bool IsDateLike(string slug) => slug.Length > 0 && slug.All(char.IsAsciiDigit);
}
