namespace Gazette.Comments.Contracts;

/// <summary>An approved comment as the WordPress API shows it: never an email; <paramref name="BodyHtml"/> is sanitized.</summary>
public sealed record ListedComment(long Id, long ArticleId, long? ParentId, string AuthorName, string AuthorUrl, string BodyHtml, DateTimeOffset CreatedAt);

public enum PublicCommentOrder
{
    Date,
    Id,
    Article,
    Parent,

    /// <summary>In the order of the query's <c>Include</c> ids.</summary>
    Include,
}

/// <summary>
/// One page of approved comments, filtered as WordPress's REST API filters
/// them: every list empty means no filter. <see cref="HiddenArticleIds"/> are
/// the articles the public may not see (Articles says which), whose comments
/// are left out.
/// </summary>
public sealed record PublicCommentQuery(int Page, int PerPage)
{
    public IReadOnlyList<long> ArticleIds { get; init; } = [];
    public IReadOnlyList<long> ParentIds { get; init; } = [];
    public IReadOnlyList<long> Include { get; init; } = [];
    public IReadOnlyList<long> Exclude { get; init; } = [];
    public IReadOnlyList<long> HiddenArticleIds { get; init; } = [];
    public string? Search { get; init; }
    public DateTimeOffset? Before { get; init; }
    public DateTimeOffset? After { get; init; }
    public PublicCommentOrder OrderBy { get; init; } = PublicCommentOrder.Date;
    public bool Descending { get; init; } = true;

    /// <summary>The total when the caller knows it from stored counts (decision 165), so the listing does not count its rows.</summary>
    public int? KnownTotal { get; init; }

    /// <summary>No filter but the hidden articles: the total is every approved comment on a public article.</summary>
    public bool Unfiltered => ArticleIds.Count == 0 && ParentIds.Count == 0 && Include.Count == 0 && Exclude.Count == 0
        && string.IsNullOrWhiteSpace(Search) && Before is null && After is null;
}

/// <summary>Paged, counted approved comments, for the WordPress REST API. Implemented by Comments.</summary>
public interface IPublicComments
{
    Task<(IReadOnlyList<ListedComment> Items, int Total)> QueryAsync(PublicCommentQuery query, CancellationToken cancellationToken);
}
