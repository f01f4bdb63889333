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
    bool CommentsOpen);

/// <summary>A section or tag and its archive's path.</summary>
public sealed record PublicTerm(long Id, string Slug, string Name, string Description, string Path);

/// <summary>A byline: a member of the newsroom (with a user id), or a name alone (a guest, an agency).</summary>
public sealed record PublicByline(string Name, long? UserId);

/// <summary>
/// The newest public articles (never pages), newest first: at most
/// <see cref="Limit"/>, optionally within one section, tag or member's bylines,
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

    Task<PublicTerm?> FindTagAsync(string slug, CancellationToken cancellationToken);
}

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
