namespace Gazette.Feeds;

/// <summary>
/// One feed in any format: every URL absolute. <paramref name="HomeUrl"/> is the
/// page the feed follows, <paramref name="FeedUrl"/> the feed itself in the
/// format being written; <paramref name="Updated"/> is its newest item's change.
/// <paramref name="Publisher"/> (the site's name) stands as the author of an item without a byline.
/// </summary>
public sealed record Feed(string Title, string Description, string HomeUrl, string FeedUrl, string Language, DateTimeOffset Updated, string Publisher,
    IReadOnlyList<FeedItem> Items)
{
    public IReadOnlyList<string> AuthorsOf(FeedItem item) => item.Authors.Count > 0 ? item.Authors : [Publisher];
}

/// <summary>
/// An article or comment in a feed. <paramref name="Id"/> never changes (not even
/// with the permalink pattern); <paramref name="ContentHtml"/> is null when the
/// feed gives summaries only. Authors are names, never emails.
/// </summary>
public sealed record FeedItem(string Id, string Url, string Title, string Summary, string? ContentHtml, DateTimeOffset Published, DateTimeOffset Updated,
    IReadOnlyList<string> Authors, IReadOnlyList<string> Categories);
