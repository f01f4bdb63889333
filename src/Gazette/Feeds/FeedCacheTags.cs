using System.Globalization;

namespace Gazette.Feeds;

/// <summary>The cache tags of the feeds, evicted by <see cref="FeedCacheEviction"/>.</summary>
public static class FeedCacheTags
{
    /// <summary>The site's article feed and every author's: the change events name no bylines, so any change evicts them.</summary>
    public const string Articles = "feeds";

    /// <summary>The site's comment feed: it shows comments only on public articles, so article changes evict it too.</summary>
    public const string Comments = "feeds:comments";

    public static string Section(long id) => string.Create(CultureInfo.InvariantCulture, $"feeds:section:{id}");

    public static string Tag(long id) => string.Create(CultureInfo.InvariantCulture, $"feeds:tag:{id}");

    public static string ArticleComments(long articleId) => string.Create(CultureInfo.InvariantCulture, $"feeds:comments:{articleId}");
}
