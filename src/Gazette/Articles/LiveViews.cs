using Gazette.Rendering;

namespace Gazette.Articles;

/// <summary>
/// A live blog as its page shows it: whether it is live, its entries newest first (one page of them),
/// links to older and newer pages, and, on the newest page while live, where the page's script asks for
/// new entries and how often.
/// </summary>
public sealed record LiveView(
    bool IsLive,
    DateView Started,
    DateView? Ended,
    IReadOnlyList<LiveEntryView> Entries,
    string? OlderUrl,
    string? NewestUrl,
    string? PollUrl,
    int PollSeconds);

/// <summary>One entry for the theme: <paramref name="Anchor"/> is its element's id, <paramref name="Url"/> its permalink, <paramref name="Clock"/> its time of day in the site's zone.</summary>
public sealed record LiveEntryView(
    long Id,
    string Anchor,
    string Url,
    string Headline,
    SafeHtml Body,
    DateView Posted,
    string Clock,
    string Author,
    bool KeyEvent);

/// <summary>How often readers' pages ask for new entries (<c>Gazette:LiveBlog:PollSeconds</c>).</summary>
public sealed class LiveBlogOptions
{
    public const string Section = "Gazette:LiveBlog";

    public int PollSeconds { get; set; } = 30;
}
