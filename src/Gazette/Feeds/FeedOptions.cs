namespace Gazette.Feeds;

/// <summary><c>Gazette:Feeds:*</c>: what each feed carries.</summary>
public sealed class FeedOptions
{
    public const string Section = "Gazette:Feeds";

    /// <summary>WordPress's "For each post in a feed, include: Excerpt": the summary alone instead of the full text.</summary>
    public bool SummaryOnly { get; set; }

    /// <summary>How many articles or comments a feed lists, newest first.</summary>
    public int Items { get; set; } = 20;
}
