namespace Gazette.Articles;

/// <summary>What an editor (or the importer, or the sample seeder) hands the publisher.</summary>
public sealed record ArticleDraft
{
    /// <summary>The id it had on the site it is imported from, kept when free; null: a new one.</summary>
    public long? Id { get; init; }

    public required string Title { get; init; }
    public required string BodyMarkdown { get; init; }

    /// <summary>Empty: the first paragraph's text.</summary>
    public string? Summary { get; init; }

    /// <summary>Empty: made from the title. A taken or reserved slug gets -2, -3 ...</summary>
    public string? Slug { get; init; }

    public string Kind { get; init; } = ArticleKind.Article;

    /// <summary>A page's parent page (its path is the parent's plus its own slug).</summary>
    public long? ParentId { get; init; }
    public string Status { get; init; } = ArticleStatus.Published;
    public DateTimeOffset? PublishedAt { get; init; }
    public string CommentStatus { get; init; } = Articles.DiscussionStatus.Open;
    public bool Premoderated { get; init; }
    public IReadOnlyList<string> Sections { get; init; } = [];
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Sections and tags known by slug (an import keeps the old site's), filed after those named above.</summary>
    public IReadOnlyList<TermKey> SectionsBySlug { get; init; } = [];
    public IReadOnlyList<TermKey> TagsBySlug { get; init; } = [];
    public IReadOnlyList<string> Bylines { get; init; } = [];

    /// <summary>The newsroom members behind bylines, by name; a byline not named here is a plain name.</summary>
    public IReadOnlyDictionary<string, long> BylineMembers { get; init; } = new Dictionary<string, long>();

    /// <summary>The library image shown at the top of the article.</summary>
    public long? FeaturedMediaId { get; init; }
}
