namespace Gazette.Rendering;

/// <summary><c>Gazette:Site:*</c>: what the masthead and metadata say about the site.</summary>
public sealed class SiteOptions
{
    public const string Section = "Gazette:Site";

    public string Title { get; set; } = "Gazette";

    public string Tagline { get; set; } = "News, reported and explained";

    /// <summary>Public base URL (https://news.example.org) for canonical links; empty: the request's own.</summary>
    public string? BaseUrl { get; set; }

    public int PageSize { get; set; } = 20;

    /// <summary>An IANA time zone name: dates readers see and times the newsroom enters are in it.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>The language the site is written in, a BCP 47 tag (en, en-GB, pt-BR): the pages' <c>lang</c> and <c>og:locale</c>.</summary>
    public string Language { get; set; } = "en";
}
