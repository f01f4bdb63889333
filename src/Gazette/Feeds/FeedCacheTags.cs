using System.Globalization;

namespace Gazette.Feeds;

/// <summary>The cache tags of the feeds, evicted by <see cref="FeedCacheEviction"/>.</summary>
public static class FeedCacheTags
{
    /// <summary>The site's article feed.</summary>
    public const string Articles = "feeds";

    /// <summary>Every author's feed: evicted by a change whose event names no members (a live blog's entry, an event from before they were named).</summary>
    public const string Authors = "feeds:authors";

    public static string Author(long memberId) => string.Create(CultureInfo.InvariantCulture, $"feeds:author:{memberId}");

    /// <summary>The site's comment feed: it shows comments only on public articles, so article changes evict it too.</summary>
    public const string Comments = "feeds:comments";

    public static string Section(long id) => string.Create(CultureInfo.InvariantCulture, $"feeds:section:{id}");

    public static string Tag(long id) => string.Create(CultureInfo.InvariantCulture, $"feeds:tag:{id}");

    public static string ArticleComments(long articleId) => string.Create(CultureInfo.InvariantCulture, $"feeds:comments:{articleId}");
}
