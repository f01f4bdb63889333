using Gazette.Web;

namespace Gazette.Articles.Contracts;

/// <summary>
/// What a caller outside the newsroom's pages (the WordPress API) asks to
/// write. Null leaves a field as it is (on creation: empty, or the default).
/// <see cref="FeaturedMediaId"/> and <see cref="ParentId"/> take 0 for none.
/// Sections and tags are named by id: they must exist.
/// </summary>
public sealed record ArticleWrite
{
    /// <summary>A page rather than an article; read on creation only.</summary>
    public bool IsPage { get; init; }

    public string? Title { get; init; }

    /// <summary>Markdown, which lets HTML through; rendered and sanitized as every body.</summary>
    public string? Body { get; init; }

    public string? Summary { get; init; }

    /// <summary>Empty: made from the title.</summary>
    public string? Slug { get; init; }

    /// <summary>One of <see cref="WrittenStatus"/>'s draft, pending, published or scheduled; null keeps it (a new one is a draft).</summary>
    public string? Status { get; init; }

    /// <summary>The publication date; for <see cref="WrittenStatus.Scheduled"/>, the time it goes out (required).</summary>
    public DateTimeOffset? PublishedAt { get; init; }

    public IReadOnlyList<long>? SectionIds { get; init; }

    public IReadOnlyList<long>? TagIds { get; init; }

    public bool? CommentsOpen { get; init; }

    public long? FeaturedMediaId { get; init; }

    public long? ParentId { get; init; }
}

/// <summary>Articles' statuses, by their stored names.</summary>
public static class WrittenStatus
{
    public const string Draft = "draft";
    public const string Pending = "pending";
    public const string Scheduled = "scheduled";
    public const string Published = "published";
    public const string Private = "private";
    public const string Trash = "trash";
}

/// <summary>The names of the fields a refusal is keyed by (<see cref="ArticleWrite"/>'s properties).</summary>
public static class ArticleWriteFields
{
    public const string Title = nameof(ArticleWrite.Title);
    public const string Body = nameof(ArticleWrite.Body);
    public const string Summary = nameof(ArticleWrite.Summary);
    public const string Slug = nameof(ArticleWrite.Slug);
    public const string Status = nameof(ArticleWrite.Status);
    public const string PublishedAt = nameof(ArticleWrite.PublishedAt);
    public const string SectionIds = nameof(ArticleWrite.SectionIds);
    public const string TagIds = nameof(ArticleWrite.TagIds);
    public const string CommentsOpen = nameof(ArticleWrite.CommentsOpen);
    public const string FeaturedMediaId = nameof(ArticleWrite.FeaturedMediaId);
    public const string ParentId = nameof(ArticleWrite.ParentId);
}

/// <summary>An article as the newsroom edits it, every status: for the member who may open it, never for the public.</summary>
/// <param name="OwnerId">The member who created it (null for imports and the sample).</param>
/// <param name="Path">Its public path once published or scheduled, else null.</param>
public sealed record WrittenArticle(
    long Id,
    bool IsPage,
    long? ParentId,
    string Title,
    string Slug,
    string Summary,
    string Body,
    string BodyHtml,
    string Status,
    DateTimeOffset? PublishedAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    bool CommentsOpen,
    long? OwnerId,
    IReadOnlyList<long> SectionIds,
    IReadOnlyList<long> TagIds,
    long? FeaturedMediaId,
    string? Path,
    int Version);

public enum WriteOutcome
{
    Done,

    /// <summary>Refused for what was asked: <see cref="ArticleWriteResult.Errors"/> by <see cref="ArticleWriteFields"/>.</summary>
    Invalid,

    /// <summary>The member's role may not do this to this article.</summary>
    Forbidden,

    NotFound,

    /// <summary>Another change was saved between this one's read and its write: nothing was written.</summary>
    Conflict,
}

public sealed record ArticleWriteResult(WriteOutcome Outcome, WrittenArticle? Article, IReadOnlyDictionary<string, string> Errors)
{
    public bool Succeeded => Outcome == WriteOutcome.Done;
}

/// <summary>
/// Creates, changes and trashes articles and pages for a member of the
/// newsroom through the newsroom's own editor: the same rights, rules,
/// sanitizing, slugs, revisions, terms, scheduling, events and audit. Each
/// call is one unit of work; a refusal writes nothing.
/// </summary>
public interface IArticleWrites
{
    /// <summary>The article as the member may open it in the editor; Forbidden or NotFound otherwise.</summary>
    Task<ArticleWriteResult> FindAsync(NewsroomUser actor, long id, CancellationToken cancellationToken = default);

    Task<ArticleWriteResult> CreateAsync(NewsroomUser actor, ArticleWrite write, CancellationToken cancellationToken = default);

    /// <summary>Changes what <paramref name="write"/> names on the article as it stands now (last write wins, as in WordPress).</summary>
    Task<ArticleWriteResult> UpdateAsync(NewsroomUser actor, long id, ArticleWrite write, CancellationToken cancellationToken = default);

    /// <summary>Moves it to the trash (the newsroom deletes nothing for good).</summary>
    Task<ArticleWriteResult> TrashAsync(NewsroomUser actor, long id, CancellationToken cancellationToken = default);

    /// <summary>A page of the articles the member may open in the editor (editors: every one; others: their own), any status the query names.</summary>
    Task<(IReadOnlyList<WrittenArticle> Items, long Total)> ListAsync(NewsroomUser actor, WrittenQuery query, CancellationToken cancellationToken = default);
}

/// <summary>Which articles or pages a member lists for editing: <see cref="WrittenStatus"/>es, filters, order and page.</summary>
public sealed record WrittenQuery(bool IsPage, IReadOnlyList<string> Statuses, int Page, int PerPage)
{
    public string? Search { get; init; }

    public IReadOnlyList<long> AuthorIds { get; init; } = [];

    public IReadOnlyList<long> Include { get; init; } = [];

    public IReadOnlyList<long> Exclude { get; init; } = [];

    public IReadOnlyList<long> SectionIds { get; init; } = [];

    public IReadOnlyList<long> TagIds { get; init; } = [];

    public IReadOnlyList<string> Slugs { get; init; } = [];

    public PublicOrder OrderBy { get; init; } = PublicOrder.Date;

    public bool Descending { get; init; } = true;
}
