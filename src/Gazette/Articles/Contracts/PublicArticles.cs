namespace Gazette.Articles.Contracts;

/// <summary>
/// A published article or page as the public may see it, for the modules that
/// syndicate or index the site (feeds, sitemaps, search, the WordPress API):
/// never a draft, never anything dated in the future. <see cref="Path"/> is its
/// one URL under the site's permalink pattern.
/// </summary>
public sealed record PublicArticle(
    long Id,
    string Kind, // "article" or "page"
    string Path,
    string Title,
    string Summary,
    string BodyHtml,
    DateTimeOffset PublishedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<PublicTerm> Sections,
    IReadOnlyList<PublicTerm> Tags,
    IReadOnlyList<PublicByline> Bylines,
    long? FeaturedMediaId,
    int CommentCount,
    bool CommentsOpen,
    long? ParentId = null, // a page's parent page
    string Slug = "",
    PublicNotice? LatestNotice = null, // its newest correction or update: its public "updated" time is this notice's
    PublicLiveEntry? LatestLiveEntry = null) // a live blog's newest entry
{
    /// <summary>
    /// When the newsroom last said it changed (its latest notice, or a live blog's latest entry posted or edited),
    /// else when it was published: feeds' and search engines' "modified".
    /// </summary>
    public DateTimeOffset RevisedAt =>
        new[] { LatestNotice?.At, LatestLiveEntry?.BlogChangedAt }.OfType<DateTimeOffset>().DefaultIfEmpty(PublishedAt).Max();
}

/// <summary>
/// A live blog's newest entry: <paramref name="Anchor"/> its fragment on the article's page (<c>entry-N</c>),
/// <paramref name="BodyHtml"/> sanitized; <paramref name="BlogChangedAt"/> when any entry of the blog was last posted or edited.
/// </summary>
public sealed record PublicLiveEntry(string Anchor, string Headline, string BodyHtml, DateTimeOffset PostedAt, DateTimeOffset BlogChangedAt);

/// <summary>A correction or update notice on a published article: <paramref name="Kind"/> is a <see cref="PublicNoticeKind"/>, <paramref name="Note"/> plain text.</summary>
public sealed record PublicNotice(string Kind, string Note, DateTimeOffset At)
{
    /// <summary>"Correction" or "Update", as readers see it.</summary>
    public string Label => Kind == PublicNoticeKind.Correction ? "Correction" : "Update";
}

public static class PublicNoticeKind
{
    public const string Update = "update";
    public const string Correction = "correction";
}

/// <summary>A section or tag and its archive's path; <paramref name="ParentId"/> is the section a section sits under (null at the top), where it is known.</summary>
public sealed record PublicTerm(long Id, string Slug, string Name, string Description, string Path, long? ParentId = null);

/// <summary>A byline: a member of the newsroom (with a user id), or a name alone (a guest, or an <paramref name="Organization"/> such as a news agency).</summary>
public sealed record PublicByline(string Name, long? UserId, bool Organization = false);

/// <summary>
/// The newest public articles (never pages), newest first: at most
/// <see cref="Limit"/>, optionally within one section (and those beneath it), tag or member's bylines,
/// and published at or after <see cref="Since"/>.
/// </summary>
public sealed record PublicArticleFilter(int Limit, long? SectionId = null, long? TagId = null, long? AuthorId = null, DateTimeOffset? Since = null);

/// <summary>Where one public article or page lives and when it last changed: a sitemap's line.</summary>
public sealed record PublicLocation(long Id, string Kind, string Path, string Title, DateTimeOffset PublishedAt, DateTimeOffset UpdatedAt);

/// <summary>The public's view of articles and pages, for modules that read many of them. Implemented by Articles.</summary>
public interface IPublicArticles
{
    /// <summary>The article or page, or null when the public may not see it.</summary>
    Task<PublicArticle?> FindAsync(long id, CancellationToken cancellationToken);

    /// <summary>Those of <paramref name="ids"/> the public may see, in no particular order; at most 500 ids a call.</summary>
    Task<IReadOnlyList<PublicArticle>> FindManyAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken);

    Task<IReadOnlyList<PublicArticle>> LatestAsync(PublicArticleFilter filter, CancellationToken cancellationToken);

    /// <summary>
    /// Public articles (<paramref name="kind"/> "article") or pages ("page") with ids above
    /// <paramref name="afterId"/>, by id, at most <paramref name="limit"/>, read
    /// as they stream from one query, so a million cost no more memory than one.
    /// </summary>
    IAsyncEnumerable<PublicLocation> LocationsAsync(string kind, long afterId, int limit, CancellationToken cancellationToken);

    Task<PublicTerm?> FindSectionAsync(string slug, CancellationToken cancellationToken);

    /// <summary>The section and every section beneath it: a section's listings show their articles too.</summary>
    Task<IReadOnlyList<long>> SectionBranchAsync(long sectionId, CancellationToken cancellationToken);

    Task<PublicTerm?> FindTagAsync(string slug, CancellationToken cancellationToken);

    /// <summary>
    /// The blocks of ids <paramref name="width"/> wide that hold public places of
    /// <paramref name="kind"/>, in order, empty ones left out: one aggregate query,
    /// for files (sitemaps) whose extent never moves when a place comes or goes.
    /// </summary>
    Task<IReadOnlyList<PublicBlock>> BlocksAsync(PublicPlaceKind kind, int width, CancellationToken cancellationToken);

    /// <summary>The public places of <paramref name="kind"/> in one block, by id, read as they stream from one query (pages, which are few, read whole).</summary>
    IAsyncEnumerable<PublicPlace> PlacesAsync(PublicPlaceKind kind, PublicBlockRange block, CancellationToken cancellationToken);

    /// <summary>Public articles (never pages) published at or after <paramref name="since"/>, newest first, at most <paramref name="limit"/>, streamed.</summary>
    IAsyncEnumerable<PublicLocation> PublishedSinceAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken);
}

/// <summary>What the public can reach: articles, pages, and the archives of sections, tags and members (author pages).</summary>
public enum PublicPlaceKind
{
    Article,
    Page,
    Section,
    Tag,
    Author,
}

/// <summary>
/// A public place and when what it shows last changed (an archive: its newest
/// changed article). <see cref="Id"/> is the article's, term's or member's;
/// <see cref="Path"/> is null for a member, whose author page Accounts names
/// (<see cref="IAuthorDirectory"/>).
/// </summary>
public sealed record PublicPlace(long Id, string? Path, DateTimeOffset LastChanged);

/// <summary>Block <see cref="Number"/> (from 1) of ids <see cref="Width"/> wide: ids (Number - 1) × Width + 1 to Number × Width.</summary>
public sealed record PublicBlockRange(int Number, int Width)
{
    public long FirstId => ((long)Number - 1) * Width + 1;

    public long LastId => (long)Number * Width;
}

/// <summary>A block holding <see cref="Count"/> public places, the newest changed at <see cref="LastChanged"/>.</summary>
public sealed record PublicBlock(int Number, int Count, DateTimeOffset LastChanged);

/// <summary>
/// The members of the newsroom as the public may know them: the name and slug
/// of their author page (/author/{slug}/), never the login or email.
/// Articles keeps user ids only; Accounts implements this.
/// </summary>
public interface IAuthorDirectory
{
    Task<PublicAuthor?> FindBySlugAsync(string slug, CancellationToken cancellationToken);

    /// <summary>The members among <paramref name="userIds"/>; an id with no user is left out.</summary>
    Task<IReadOnlyDictionary<long, PublicAuthor>> FindAsync(IReadOnlyCollection<long> userIds, CancellationToken cancellationToken);
}

public sealed record PublicAuthor(long Id, string Slug, string DisplayName)
{
    public string Path => $"/author/{Slug}/";
}
