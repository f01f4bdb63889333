using Gazette.Articles.Contracts;

namespace Gazette.WordPressLinks;

/// <summary>
/// WordPress's feed names (rss2, rss, rdf, atom and the comments' variants) as
/// Gazette's feeds, which live beneath the page they follow in RSS (feed/) and Atom (feed/atom/).
/// </summary>
public static class WordPressFeeds
{
    public const string CommentsPath = "/comments/";

    /// <summary>The format of a WordPress feed name ("" is its default, RSS 2.0); null for a name WordPress has no feed of.</summary>
    public static ArticleFeedFormat? Format(string name) => name.ToLowerInvariant() switch
    {
        "" or "feed" or "rss2" or "rss" or "rdf" or "comments-rss2" or "comments-rss" or "comments-rdf" => ArticleFeedFormat.Rss,
        "atom" or "comments-atom" => ArticleFeedFormat.Atom,
        _ => null,
    };

    /// <summary>The site's feed, or the site's comments' for a comments-* name.</summary>
    public static string Site(string name, ArticleFeedFormat format) =>
        ArticleFeedPaths.Of(name.StartsWith("comments-", StringComparison.OrdinalIgnoreCase) ? CommentsPath : "/", format);

    /// <summary>A page's own path, or its feed when one was asked for.</summary>
    public static string Beneath(string path, ArticleFeedFormat? feed) => feed is { } format ? ArticleFeedPaths.Of(path, format) : path;
}
