using Gazette.Media.Contracts;
using Gazette.Rendering;

namespace Gazette.Articles;

public sealed record ArticleView(
    string Title,
    string Url,
    string Summary,
    SafeHtml Body,
    DateView Published,
    DateView? Updated,
    IReadOnlyList<BylineView> Bylines,
    IReadOnlyList<LinkView> Sections,
    IReadOnlyList<LinkView> Tags,
    int CommentCount,
    ImageView? Image = null,
    IReadOnlyList<NoticeView>? Notices = null)
{
    /// <summary>Its corrections and updates, newest first (none for a page or a preview).</summary>
    public IReadOnlyList<NoticeView> Notices { get; init; } = Notices ?? [];

    /// <summary>Where the story was reported ("KYIV, Ukraine"), already opening <see cref="Body"/>; empty: none.</summary>
    public string Dateline { get; init; } = "";
}

/// <summary>A byline as readers see it: <paramref name="Url"/> is a member's author page (null for a contributor without an account); an <paramref name="Organization"/> is a news agency or the like.</summary>
public sealed record BylineView(string Name, string? Url, bool Organization = false);

/// <summary>A correction or update as readers see it: <paramref name="Kind"/> ("correction", "update") for the theme's class, <paramref name="Label"/> to read.</summary>
public sealed record NoticeView(string Kind, string Label, string Note, DateView At);

public sealed record ArticleCard(
    string Title,
    string Url,
    string Summary,
    DateView Published,
    LinkView? Section,
    string Byline,
    int CommentCount);

public sealed record ListingView(
    string Heading,
    string Description,
    IReadOnlyList<ArticleCard> Cards,
    string? OlderUrl,
    string? NewestUrl,
    string? NewerUrl = null)
{
    /// <summary>A section's page: the sections directly beneath it, whose articles it lists too.</summary>
    public IReadOnlyList<LinkView> Subsections { get; init; } = [];
}

/// <summary>The public Sections page: every section with published articles.</summary>
public sealed record SectionsView(IReadOnlyList<SectionEntry> Sections);

/// <summary>A section on the Sections page; <paramref name="Within"/> names the section it sits under ("" at the top).</summary>
public sealed record SectionEntry(string Name, string Url, string Description, int ArticleCount, string Within = "");
