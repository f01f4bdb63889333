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
}

public static class ArticleKind
{
    public const string Article = "article";
    public const string Page = "page";
}

public static class ArticleStatus
{
    public const string Draft = "draft";
    public const string Scheduled = "scheduled";
    public const string Published = "published";
    public const string Private = "private";
    public const string Trash = "trash";
}

public static class DiscussionStatus
{
    public const string Open = "open";
    public const string Closed = "closed";
}
