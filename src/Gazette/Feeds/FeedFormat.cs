using Gazette.Articles.Contracts;

namespace Gazette.Feeds;

/// <summary>The three formats, each beneath the page it follows (feed/, feed/atom/, feed.json), with the media type it is served as.</summary>
public static class FeedFormats
{
    public static readonly IReadOnlyList<ArticleFeedFormat> All = [ArticleFeedFormat.Rss, ArticleFeedFormat.Atom, ArticleFeedFormat.Json];

    public static string ContentType(ArticleFeedFormat format) => format switch
    {
        ArticleFeedFormat.Atom => "application/atom+xml; charset=utf-8",
        ArticleFeedFormat.Json => "application/feed+json; charset=utf-8",
        _ => "application/rss+xml; charset=utf-8",
    };

    public static byte[] Write(Feed feed, ArticleFeedFormat format) => format switch
    {
        ArticleFeedFormat.Atom => AtomWriter.Write(feed),
        ArticleFeedFormat.Json => JsonFeedWriter.Write(feed),
        _ => RssWriter.Write(feed),
    };
}
