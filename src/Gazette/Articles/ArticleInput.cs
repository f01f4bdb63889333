namespace Gazette.Articles;

/// <summary>What the article editor's form holds: the fields a save writes.</summary>
public sealed record ArticleInput
{
    public string Title { get; init; } = "";

    /// <summary>Empty: made from the title (and made unique); otherwise normalized, and refused if taken or reserved.</summary>
    public string? Slug { get; init; }

    /// <summary>Empty: the first paragraph's text.</summary>
    public string? Summary { get; init; }

    public string BodyMarkdown { get; init; } = "";

    /// <summary>Section names in order, the first the main one; new names are created.</summary>
    public IReadOnlyList<string> Sections { get; init; } = [];

    /// <summary>Tag names; new names are created.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    public string CommentStatus { get; init; } = DiscussionStatus.Open;

    /// <summary>A published article's date (its permalink's year and month); null keeps it. Scheduling takes its time separately.</summary>
    public DateTimeOffset? PublishedAt { get; init; }

    /// <summary>An article or a page; read when it is created, fixed after.</summary>
    public string Kind { get; init; } = ArticleKind.Article;

    /// <summary>The media library number of the image shown at the top; null: none.</summary>
    public long? FeaturedMediaId { get; init; }

    /// <summary>A page's parent page (its path is the parent's, then its own slug); null: at the site's root. Articles have none.</summary>
    public long? ParentId { get; init; }

    /// <summary>What a save of a published article tells readers: a <see cref="NoticeKind"/> (a minor edit, the default, tells nothing).</summary>
    public string Notice { get; init; } = NoticeKind.Minor;

    /// <summary>The update's or correction's note, plain text; a correction needs one.</summary>
    public string? NoticeNote { get; init; }

    /// <summary>The bylines in order (decision 144); null keeps the article's (a new one gets its creator's). Only editors set them.</summary>
    public IReadOnlyList<Byline>? Bylines { get; init; }

    /// <summary>Where the story was reported, as it opens the story ("KYIV, Ukraine"); empty: none; null keeps the article's.</summary>
    public string? Dateline { get; init; }

    /// <summary>The form as an article stands now, for an editor page to start from.</summary>
    public static ArticleInput Of(EditableArticle article) => new()
    {
        Title = article.Article.Title,
        Slug = article.Article.Slug,
        Summary = article.Article.Summary,
        BodyMarkdown = article.Article.BodyMarkdown,
        Sections = article.Sections,
        Tags = article.Tags,
        CommentStatus = article.Article.CommentStatus,
        PublishedAt = article.Article.PublishedAt,
        FeaturedMediaId = article.Article.FeaturedMediaId,
        Kind = article.Article.Kind,
        ParentId = article.Article.ParentId,
        Bylines = article.Bylines?.Select(byline => byline.AsChoice()).ToList(),
        Dateline = article.Article.Dateline,
    };
}

/// <summary>The names of the fields errors are keyed by (the <see cref="ArticleInput"/> property, or the schedule time).</summary>
public static class ArticleFields
{
    public const string Title = nameof(ArticleInput.Title);
    public const string Slug = nameof(ArticleInput.Slug);
    public const string Summary = nameof(ArticleInput.Summary);
    public const string BodyMarkdown = nameof(ArticleInput.BodyMarkdown);
    public const string Sections = nameof(ArticleInput.Sections);
    public const string Tags = nameof(ArticleInput.Tags);
    public const string CommentStatus = nameof(ArticleInput.CommentStatus);
    public const string PublishedAt = nameof(ArticleInput.PublishedAt);
    public const string FeaturedMediaId = nameof(ArticleInput.FeaturedMediaId);
    public const string ParentId = nameof(ArticleInput.ParentId);
    public const string ScheduleAt = "ScheduleAt";
    public const string Notice = nameof(ArticleInput.Notice);
    public const string NoticeNote = nameof(ArticleInput.NoticeNote);
    public const string Bylines = nameof(ArticleInput.Bylines);
    public const string Dateline = nameof(ArticleInput.Dateline);

    /// <summary>The action cannot start from the article's status (publishing what is in the trash, say).</summary>
    public const string Status = "Status";
}

/// <summary>An article as the newsroom edits it: the stored row with its section and tag names.</summary>
/// <param name="Permalink">Its public path when it is published (or will be, when scheduled), else null.</param>
/// <summary>A page as the parent picker lists it.</summary>
public sealed record PageChoice
{
    public long Id { get; init; }
    public string Title { get; init; } = "";
    public long? ParentId { get; init; }
}

/// <param name="Notices">Its corrections and updates, newest first, for the editor to list.</param>
/// <param name="Bylines">Its bylines in order.</param>
public sealed record EditableArticle(Article Article, IReadOnlyList<string> Sections, IReadOnlyList<string> Tags, string? Permalink = null, IReadOnlyList<ArticleNotice>? Notices = null,
    IReadOnlyList<Byline>? Bylines = null);

public enum EditOutcome
{
    /// <summary>Done: <see cref="EditResult.Article"/> is the article as it now stands.</summary>
    Done,

    /// <summary>Refused for what was entered: <see cref="EditResult.Errors"/> says why, by field.</summary>
    Invalid,

    /// <summary>Someone saved since the version this change was based on: nothing was written; <see cref="EditResult.Conflict"/> has both.</summary>
    Conflict,

    /// <summary>The user's role may not do this to this article.</summary>
    Forbidden,

    NotFound,
}

/// <summary>A refused save: the article as someone else left it, and what this user tried to save on top of an older version.</summary>
public sealed record ArticleConflict(EditableArticle Current, ArticleInput? Yours, int YourBaseVersion);

/// <summary>What a change to an article came to. Bad input is an answer, never an exception.</summary>
public sealed record EditResult(
    EditOutcome Outcome,
    EditableArticle? Article,
    IReadOnlyDictionary<string, string> Errors,
    ArticleConflict? Conflict)
{
    private static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();

    public bool Succeeded => Outcome == EditOutcome.Done;

    public static EditResult Done(EditableArticle article) => new(EditOutcome.Done, article, NoErrors, null);

    public static EditResult Invalid(IReadOnlyDictionary<string, string> errors) => new(EditOutcome.Invalid, null, errors, null);

    public static EditResult Conflicted(ArticleConflict conflict) => new(EditOutcome.Conflict, conflict.Current, NoErrors, conflict);

    public static readonly EditResult Forbidden = new(EditOutcome.Forbidden, null, NoErrors, null);

    public static readonly EditResult NotFound = new(EditOutcome.NotFound, null, NoErrors, null);
}
