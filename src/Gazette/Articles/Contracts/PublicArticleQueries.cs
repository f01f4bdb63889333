namespace Gazette.Articles.Contracts;

/// <summary>How a page of public articles or terms is ordered.</summary>
public enum PublicOrder
{
    Date,
    Modified,
    Id,
    Title,
    Slug,
    Name,
    Count,

    /// <summary>In the order of the query's <c>Include</c> ids.</summary>
    Include,
}

/// <summary>
/// One page of public articles (<see cref="Kind"/> "article") or pages ("page"),
/// filtered the way WordPress's REST API filters posts: every list empty means
/// no filter; <see cref="Search"/> matches the headline, summary or body.
/// </summary>
public sealed record PublicArticleQuery(string Kind, int Page, int PerPage)
{
    public string? Search { get; init; }
    public IReadOnlyList<long> SectionIds { get; init; } = [];
    public IReadOnlyList<long> TagIds { get; init; } = [];
    public IReadOnlyList<long> AuthorIds { get; init; } = [];
    public IReadOnlyList<long> Include { get; init; } = [];
    public IReadOnlyList<long> Exclude { get; init; } = [];
    public IReadOnlyList<string> Slugs { get; init; } = [];
    public IReadOnlyList<long> ParentIds { get; init; } = [];
    public DateTimeOffset? Before { get; init; }
    public DateTimeOffset? After { get; init; }
    public PublicOrder OrderBy { get; init; } = PublicOrder.Date;
    public bool Descending { get; init; } = true;
}

/// <summary>A page of results and how many there are in all.</summary>
public sealed record PublicResults<T>(IReadOnlyList<T> Items, int Total);

public enum PublicTermKind
{
    Section,
    Tag,
}

/// <summary>One page of sections or tags, filtered as WordPress filters categories and tags.</summary>
public sealed record PublicTermQuery(PublicTermKind Kind, int Page, int PerPage)
{
    public string? Search { get; init; }
    public IReadOnlyList<long> Include { get; init; } = [];
    public IReadOnlyList<long> Exclude { get; init; } = [];
    public IReadOnlyList<string> Slugs { get; init; } = [];

    /// <summary>Only the terms of this public article.</summary>
    public long? ArticleId { get; init; }

    /// <summary>Only the sections directly beneath these (WordPress's <c>parent</c>; 0 is the top level).</summary>
    public IReadOnlyList<long> ParentIds { get; init; } = [];

    /// <summary>Leave out terms with no public article.</summary>
    public bool HideEmpty { get; init; }

    public PublicOrder OrderBy { get; init; } = PublicOrder.Name;
    public bool Descending { get; init; }
}

/// <summary>A section or tag and how many public articles it holds.</summary>
public sealed record CountedTerm(PublicTerm Term, int Count);

/// <summary>
/// Paged, counted queries over what the public may see, for the WordPress REST
/// API: the same visibility rule as <see cref="IPublicArticles"/>. Implemented by Articles.
/// </summary>
public interface IPublicArticleQueries
{
    Task<PublicResults<PublicArticle>> ArticlesAsync(PublicArticleQuery query, CancellationToken cancellationToken);

    Task<PublicResults<CountedTerm>> TermsAsync(PublicTermQuery query, CancellationToken cancellationToken);

    Task<CountedTerm?> FindTermAsync(PublicTermKind kind, long id, CancellationToken cancellationToken);

    /// <summary>The members named by a byline of a public article: the authors the public may know of.</summary>
    Task<IReadOnlyList<long>> BylineMemberIdsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Articles and pages the public may not see that have approved comments,
    /// whose comments must not be shown either: few (a story withdrawn or
    /// not yet out), so a comment query can leave them out by id.
    /// </summary>
    Task<IReadOnlyList<long>> HiddenDiscussedIdsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The approved comments of every public article and page, from the stored
    /// counts: the total of an unfiltered public comment listing.
    /// </summary>
    Task<int> PublicCommentTotalAsync(CancellationToken cancellationToken);
}
