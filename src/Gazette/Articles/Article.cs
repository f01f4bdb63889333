namespace Gazette.Articles;

/// <summary>An article or page as stored. Templates never see this type: they get theme view models.</summary>
public sealed record Article
{
    public long Id { get; init; }
    public string Kind { get; init; } = ArticleKind.Article;
    public long? ParentId { get; init; }
    public required string Slug { get; init; }
    public required string Title { get; init; }
    public string Summary { get; init; } = "";
    public required string BodyMarkdown { get; init; }
    public required string BodyHtml { get; init; }
    public string Status { get; init; } = ArticleStatus.Draft;
    public DateTimeOffset? PublishedAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public string CommentStatus { get; init; } = Articles.DiscussionStatus.Open;
    public int CommentCount { get; init; }

    /// <summary>Every comment on this article waits for a moderator.</summary>
    public bool Premoderated { get; init; }

    /// <summary>The member of the newsroom who created it (null for imports, the sample and generated articles).</summary>
    public long? AuthorId { get; init; }

    /// <summary>Raised by one at every save: a save based on an older version is refused.</summary>
    public int Version { get; init; } = 1;

    /// <summary>Who last submitted it for review, and when (kept after it leaves the queue).</summary>
    public long? SubmittedBy { get; init; }

    public DateTimeOffset? SubmittedAt { get; init; }

    /// <summary>The media library image shown large at the top of the article, if any.</summary>
    public long? FeaturedMediaId { get; init; }

    /// <summary>When its latest correction or update notice was written: its public "updated" time (a minor edit leaves it).</summary>
    public DateTimeOffset? RevisedAt { get; init; }

    /// <summary>Where the story was reported ("KYIV, Ukraine"), shown as it opens; empty: none.</summary>
    public string Dateline { get; init; } = "";
}

public static class ArticleKind
{
    public const string Article = "article";
    public const string Page = "page";
}

public static class ArticleStatus
{
    public const string Draft = "draft";

    /// <summary>Submitted for review: waits in the queue for an editor.</summary>
    public const string Pending = "pending";
    public const string Scheduled = "scheduled";
    public const string Published = "published";
    public const string Private = "private";
    public const string Trash = "trash";

    public static readonly string[] All = [Draft, Pending, Scheduled, Published, Private, Trash];
}

public static class DiscussionStatus
{
    public const string Open = "open";
    public const string Closed = "closed";
}
