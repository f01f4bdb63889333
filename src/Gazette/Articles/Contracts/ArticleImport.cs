using Gazette.Events;
using Gazette.Kernel;

namespace Gazette.Articles.Contracts;

/// <summary>
/// An article or page from another site. <paramref name="Id"/> is kept when
/// free (an import into an empty site keeps the old site's ids); the body is
/// HTML, rendered and sanitized like any body; <paramref name="Status"/> is one
/// of <see cref="ImportedStatus"/>; a published one dated to come is scheduled.
/// <paramref name="OldSlugs"/> are slugs it had before, whose links become 301s;
/// <paramref name="OldPath"/> is the path the old site served it at, a 301 when
/// Gazette's differs (the old site's structure not adopted, a slug taken).
/// Sections and tags are filed by slug (made with the term's name and
/// description when new), so their archives keep the old site's addresses.
/// </summary>
public sealed record ImportedArticle(
    long? Id,
    bool IsPage,
    long? ParentId,
    string Title,
    string BodyHtml,
    string Summary,
    string Slug,
    string Status,
    DateTimeOffset? PublishedAt,
    bool CommentsOpen,
    IReadOnlyList<ImportedTerm> Sections,
    IReadOnlyList<ImportedTerm> Tags,
    IReadOnlyList<ImportedByline> Bylines,
    IReadOnlyList<string> OldSlugs,
    long? FeaturedMediaId = null,
    string? OldPath = null);

/// <summary>A byline: a member's (<paramref name="MemberId"/>) or a name without an account (a guest writer, an agency).</summary>
public sealed record ImportedByline(string Name, long? MemberId = null);

/// <summary>A section or tag of another site, known by its slug there.</summary>
public sealed record ImportedTerm(string Slug, string Name, string Description = "")
{
    /// <summary>The slug it is filed by here: the old one as Gazette writes slugs (WordPress keeps a non-ASCII slug percent-encoded), or its name's when the slug has nothing to keep.</summary>
    public string FiledSlug
    {
        get
        {
            var slug = Normalized.Slug(Uri.UnescapeDataString(Slug));
            return slug.Length > 0 ? slug : Normalized.Slug(Name);
        }
    }
}

/// <summary>The statuses an imported article may have (Articles' own names).</summary>
public static class ImportedStatus
{
    public const string Draft = "draft";
    public const string Pending = "pending";
    public const string Published = "published";
    public const string Private = "private";
    public const string Trash = "trash";
}

/// <summary>
/// Adds articles in the caller's unit of work as the newsroom's publisher does
/// (sections, tags, bylines, counters, <see cref="ArticlePublished"/> or
/// <see cref="ArticleChanged"/>), so caches, feeds and search follow an import.
/// </summary>
public interface IArticleImport
{
    /// <summary>Returns the new article's id.</summary>
    Task<long> AddAsync(UnitOfWork work, ImportedArticle article, CancellationToken cancellationToken = default);

    /// <summary>Whether the site holds no article or page but a fresh install's (the sample article, the policy drafts).</summary>
    Task<bool> HoldsOnlyFreshInstallAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes the fresh install's articles (the sample article, the policy
    /// drafts) and the sections and tags only they used, raising
    /// <see cref="ArticleChanged"/> for each so caches and projections drop
    /// them; returns how many went. Call it only when <see cref="HoldsOnlyFreshInstallAsync"/> said so.
    /// </summary>
    Task<int> RemoveFreshInstallAsync(UnitOfWork work, CancellationToken cancellationToken = default);

    /// <summary>
    /// Places a section under another, each found by its slug here and made with its name and
    /// description when new (so an empty parent category still holds its subcategories). False,
    /// changing nothing, when a term has no usable slug or the parent sits beneath the section (a damaged export's loop).
    /// </summary>
    Task<bool> NestSectionAsync(UnitOfWork work, ImportedTerm section, ImportedTerm parent, CancellationToken cancellationToken = default);

    /// <summary>
    /// Files a section (<paramref name="isTag"/> false) or tag of the old site whether or not a post
    /// uses it, so its name, description and address come along; false when it has no usable slug.
    /// </summary>
    Task<bool> AddTermAsync(UnitOfWork work, bool isTag, ImportedTerm term, CancellationToken cancellationToken = default);

    /// <summary>Whether an article or page has this id.</summary>
    Task<bool> ExistsAsync(UnitOfWork work, long id, CancellationToken cancellationToken = default);

    /// <summary>After ids were given explicitly: the next id the database makes is past them (PostgreSQL's identity).</summary>
    Task AfterExplicitIdsAsync(UnitOfWork work, CancellationToken cancellationToken = default);
}
