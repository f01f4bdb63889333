namespace Gazette.Articles.Contracts;

/// <summary>
/// An article's comment feed, at <c>{article URL}feed/</c>, <c>feed/atom/</c> and
/// <c>feed.json</c>. Articles resolves the path (the permalink pattern is
/// its own) and hands the public article's id to whichever module implements
/// this (Feeds); with none registered those paths are 404s.
/// </summary>
public interface IArticleFeed
{
    Task<IResult> ServeAsync(HttpContext context, long articleId, ArticleFeedFormat format, CancellationToken cancellationToken);
}

public enum ArticleFeedFormat
{
    Rss,
    Atom,
    Json,
}

/// <summary>The path endings of an article's feeds, in the site's one form for every page's feeds.</summary>
public static class ArticleFeedPaths
{
    public const string Rss = "feed/";
    public const string Atom = "feed/atom/";
    public const string Json = "feed.json";

    /// <summary>"/a/b/feed/atom/" is the article at "/a/b/" in Atom; null when the path ends in no feed.</summary>
    public static (string ArticlePath, ArticleFeedFormat Format)? Split(string path)
    {
        foreach (var (ending, format) in new[] { (Atom, ArticleFeedFormat.Atom), (Rss, ArticleFeedFormat.Rss), (Json, ArticleFeedFormat.Json) })
        {
            if (path.Length > ending.Length + 1 && path.EndsWith("/" + ending, StringComparison.Ordinal))
            {
                return (path[..^ending.Length], format);
            }
        }
        return null;
    }

    public static string Of(string articlePath, ArticleFeedFormat format) => articlePath + format switch
    {
        ArticleFeedFormat.Atom => Atom,
        ArticleFeedFormat.Json => Json,
        _ => Rss,
    };
}
