namespace Gazette.Rendering;

// What templates may see. These carry only what a page prints, never store
// entities, so no template can reach a field it must not show.

public sealed record SiteView(string Title, string Tagline, IReadOnlyList<LinkView> Sections, string Language = "en");

public sealed record LinkView(string Name, string? Url);

/// <summary>A moment for a template: ISO 8601 UTC for the <c>datetime</c> attribute, the site's local date for readers (<see cref="SiteTime.View"/>).</summary>
public sealed record DateView(string Iso, string Display);

/// <summary><paramref name="Feeds"/>: the feeds of what this page shows (a section's, an article's comments), offered beside the site's own.</summary>
public sealed record PageMeta(string Title, string Description, string? CanonicalUrl, bool NoIndex = false, SafeHtml? StructuredData = null, SocialMeta? Social = null,
    IReadOnlyList<FeedLink>? Feeds = null);

/// <summary>A feed for the head's autodiscovery link: its media type, a title for feed readers' lists, and its URL.</summary>
public sealed record FeedLink(string Type, string Title, string Url)
{
    public const string Rss = "application/rss+xml";
    public const string Atom = "application/atom+xml";
    public const string Json = "application/feed+json";

    /// <summary>The three feeds of the page at <paramref name="path"/>: every page's feeds live beneath it (feed/, feed/atom/, feed.json).</summary>
    public static IReadOnlyList<FeedLink> Under(string path, string title) =>
    [
        new(Rss, $"{title} (RSS)", path + "feed/"),
        new(Atom, $"{title} (Atom)", path + "feed/atom/"),
        new(Json, $"{title} (JSON Feed)", path + "feed.json"),
    ];
}

/// <summary>
/// What OpenGraph and Twitter cards say of a page beyond its title, description
/// and URL: an article's picture (absolute URL and pixel size), times (ISO 8601) and terms.
/// A page without one is an og:type "website".
/// </summary>
public sealed record SocialMeta(string Type, string? ImageUrl = null, int ImageWidth = 0, int ImageHeight = 0, string ImageAlt = "",
    string? PublishedTime = null, string? ModifiedTime = null, string? Section = null, IReadOnlyList<string>? Tags = null);

/// <summary>A short page that tells the reader what happened (refused, limited, not allowed) and where to go back to.</summary>
public sealed record NoticeView(string Heading, string Message, string BackUrl);

/// <summary>A view model type a module lets templates read (registered with <see cref="RenderingServiceCollectionExtensions.AddThemeModels"/>).</summary>
public sealed record ThemeModel(Type Type);
