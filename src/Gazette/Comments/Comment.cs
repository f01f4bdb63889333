namespace Gazette.Comments;

/// <summary>
/// A comment as readers may see it: no email, no IP, no user agent. The public
/// pages and templates only ever get this shape.
/// </summary>
public sealed record PublicComment
{
    public long Id { get; init; }
    public long ArticleId { get; init; }
    public long? ParentId { get; init; }
    public required string AuthorName { get; init; }
    public string AuthorUrl { get; init; } = "";
    public required string BodyHtml { get; init; }
    public required string Status { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Written by a member of the newsroom.</summary>
    public bool Staff { get; init; }
}

/// <summary>A comment about to be stored, with what moderation needs.</summary>
public sealed record NewComment
{
    public long ArticleId { get; init; }
    public long? ParentId { get; init; }
    public required string AuthorName { get; init; }
    public required string AuthorEmail { get; init; }
    public string AuthorUrl { get; init; } = "";
    public required string BodySource { get; init; }
    public required string BodyHtml { get; init; }
    public string? Ip { get; init; }
    public string? UserAgent { get; init; }

    /// <summary>The newsroom account of a staff comment.</summary>
    public long? UserId { get; init; }
}

/// <summary>One line of the moderation queue (the CLI, later the admin screens).</summary>
public sealed record QueuedComment
{
    public long Id { get; init; }
    public required string Status { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public required string AuthorName { get; init; }
    public long ArticleId { get; init; }
    public required string BodySource { get; init; }
    public int ReportCount { get; init; }
    public string? ModerationRule { get; init; }
    public string? ModerationMatch { get; init; }
}
