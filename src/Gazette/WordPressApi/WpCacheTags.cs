namespace Gazette.WordPressApi;

/// <summary>
/// Every API answer carries one tag: a change to an article, a comment or an
/// image evicts them all, since a list's totals, pages and embedded items can
/// move with any of them.
/// </summary>
public static class WpCacheTags
{
    public const string Api = "wp-json";
}
