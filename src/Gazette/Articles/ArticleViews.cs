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

/// <param name="Image">Its featured image, with the library's <c>srcset</c>; the theme says which sizes it shows it at.</param>
public sealed record ArticleCard(
    string Title,
    string Url,
    string Summary,
    DateView Published,
    LinkView? Section,
    string Byline,
    int CommentCount,
    ImageView? Image = null);

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

    /// <summary>
    /// A front's first page (the home page's, a section's): the story that leads, an
    /// editor's pick or else the newest, which <see cref="Cards"/> then leaves out.
    /// </summary>
    public ArticleCard? Lead { get; init; }

    /// <summary>The stories an editor featured on this front, in their order; <see cref="Cards"/> leaves them out.</summary>
    public IReadOnlyList<ArticleCard> Featured { get; init; } = [];

    /// <summary>The home page's first page: the navigation's sections, each with its latest stories not shown above.</summary>
    public IReadOnlyList<SectionBlock> Sections { get; init; } = [];
}

/// <summary>A section's block on the home page: its name, its page, and its latest stories.</summary>
public sealed record SectionBlock(string Name, string Url, IReadOnlyList<ArticleCard> Cards);

/// <summary>The public Sections page: every section with published articles.</summary>
public sealed record SectionsView(IReadOnlyList<SectionEntry> Sections);

/// <summary>A section on the Sections page; <paramref name="Within"/> names the section it sits under ("" at the top).</summary>
public sealed record SectionEntry(string Name, string Url, string Description, int ArticleCount, string Within = "");
