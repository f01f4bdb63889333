namespace Gazette.Import;

/// <summary>One thing an export holds, in the order the file gives it.</summary>
public abstract record WxrEntry;

/// <summary>A <c>wp:author</c>, or (WXR 1.0, which lists none) a login only named by an item's <c>dc:creator</c>.</summary>
public sealed record WxrAuthor(long? Id, string Login, string Email, string DisplayName) : WxrEntry;

/// <summary>A category (<paramref name="ParentSlug"/> names its parent) or a tag.</summary>
public sealed record WxrTerm(bool IsTag, long? Id, string Slug, string Name, string? ParentSlug, string Description) : WxrEntry;

/// <summary>A guest author of the Co-Authors Plus plugin: a byline without an account, known to posts by <paramref name="Slug"/>.</summary>
public sealed record WxrGuestAuthor(string Slug, string DisplayName) : WxrEntry;

/// <summary>An item of a type that is not content (a menu entry, a revision, custom CSS ...): counted, not imported.</summary>
public sealed record WxrSkipped(string PostType) : WxrEntry;

/// <summary>A post, page or attachment as WordPress stored it (content without paragraphs, dates as WordPress writes them).</summary>
public sealed record WxrPost : WxrEntry
{
    public required long Id { get; init; }
    public required string PostType { get; init; }
    public required string Title { get; init; }
    public string Link { get; init; } = "";
    public string Creator { get; init; } = "";
    public string Content { get; init; } = "";
    public string Excerpt { get; init; } = "";
    public string Slug { get; init; } = "";
    public string Status { get; init; } = "publish";

    /// <summary>Null for WordPress's <c>0000-00-00 00:00:00</c> (a draft never dated).</summary>
    public DateTimeOffset? DateGmt { get; init; }

    /// <summary>The local date as written, when the GMT one is missing.</summary>
    public DateTime? DateLocal { get; init; }
    public long ParentId { get; init; }
    public bool CommentsOpen { get; init; } = true;
    public string Password { get; init; } = "";
    public bool Sticky { get; init; }
    public string AttachmentUrl { get; init; } = "";
    public IReadOnlyList<string> CategorySlugs { get; init; } = [];
    public IReadOnlyList<string> TagSlugs { get; init; } = [];

    /// <summary>The post's bylines in order, as Co-Authors Plus files them (its <c>author</c> terms): a member's slug or a guest author's.</summary>
    public IReadOnlyList<string> AuthorSlugs { get; init; } = [];

    /// <summary>Names of the terms the item carries, by slug: a WXR 1.0 file may list no terms, only the items' own.</summary>
    public IReadOnlyDictionary<string, string> TermNames { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<KeyValuePair<string, string>> Meta { get; init; } = [];
    public IReadOnlyList<WxrComment> Comments { get; init; } = [];
}

/// <summary>A comment; <paramref name="Approved"/> is WordPress's <c>comment_approved</c> (1, 0, spam, trash).</summary>
public sealed record WxrComment(
    long Id,
    long ParentId,
    string Author,
    string AuthorEmail,
    string AuthorUrl,
    string AuthorIp,
    DateTimeOffset? DateGmt,
    DateTime? DateLocal,
    string Content,
    string Approved,
    string Type,
    long UserId);
