namespace Gazette.Feeds;

/// <summary>
/// One feed in any format: every URL absolute. <paramref name="HomeUrl"/> is the
/// page the feed follows, <paramref name="FeedUrl"/> the feed itself in the
/// format being written; <paramref name="Updated"/> is its newest item's change.
/// </summary>
public sealed record Feed(string Title, string Description, string HomeUrl, string FeedUrl, string Language, DateTimeOffset Updated, IReadOnlyList<FeedItem> Items);

/// <summary>
/// An article or comment in a feed. <paramref name="Id"/> never changes (not even
/// with the permalink pattern); <paramref name="ContentHtml"/> is null when the
/// feed gives summaries only. Authors are names, never emails.
/// </summary>
public sealed record FeedItem(string Id, string Url, string Title, string Summary, string? ContentHtml, DateTimeOffset Published, DateTimeOffset Updated,
    IReadOnlyList<string> Authors, IReadOnlyList<string> Categories);
