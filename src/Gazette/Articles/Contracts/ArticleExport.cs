namespace Gazette.Articles.Contracts;

/// <summary>
/// An article or page as stored, whatever its status (draft, pending, scheduled,
/// private, trash), for a whole-site export. <see cref="Path"/> is its URL when
/// it has one (an article with a date, a published page), else null.
/// <see cref="FeaturedMediaId"/> is its featured image's id in the media library.
/// </summary>
public sealed record ExportedArticle(
    long Id,
    string Kind, // "article" or "page"
    long? ParentId,
    string Slug,
    string Title,
    string Summary,
    string BodyHtml,
    string Status, // draft, pending, scheduled, published, private or trash
    DateTimeOffset? PublishedAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    bool CommentsOpen,
    string? Path,
    long? AuthorId,
    IReadOnlyList<ExportedTerm> Sections,
    IReadOnlyList<ExportedTerm> Tags,
    IReadOnlyList<PublicByline> Bylines,
    long? FeaturedMediaId = null);

/// <summary>A section or tag, used or not; <paramref name="ParentSlug"/> names the section a section sits under ("" at the top, and for a tag).</summary>
public sealed record ExportedTerm(long Id, string Slug, string Name, string Description, string ParentSlug = "");

/// <summary>
/// Everything Articles keeps, read for an export of the whole site (never for
/// the public: drafts are in it). Implemented by Articles.
/// </summary>
public interface IArticleExport
{
    /// <summary>Every section, a parent always before the sections beneath it (as WordPress's exporter writes categories).</summary>
    Task<IReadOnlyList<ExportedTerm>> SectionsAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<ExportedTerm>> TagsAsync(CancellationToken cancellationToken);

    /// <summary>The members any article names, in a byline or as its author, by id.</summary>
    Task<IReadOnlyList<long>> MemberIdsAsync(CancellationToken cancellationToken);

    /// <summary>The highest article or page id there is (0 when there is none): ids past it are free in the file.</summary>
    Task<long> HighestIdAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Articles and pages with ids above <paramref name="afterId"/>, by id, at most
    /// <paramref name="limit"/>: an export reads a page at a time, so its memory
    /// stays flat however large the site.
    /// </summary>
    Task<IReadOnlyList<ExportedArticle>> PageAsync(long afterId, int limit, CancellationToken cancellationToken);
}
