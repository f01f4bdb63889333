using System.Text.Json;
using Dapper;
using Gazette.Articles.Contracts;
using Gazette.Events;
using Gazette.Storage;
using Gazette.Web;

namespace Gazette.Articles;

/// <summary>An article as one save left it (version N of it).</summary>
public sealed record ArticleRevision(
    long ArticleId,
    int Version,
    string Title,
    string Slug,
    string Summary,
    string BodyMarkdown,
    IReadOnlyList<string> Sections,
    IReadOnlyList<string> Tags,
    string Status,
    DateTimeOffset? PublishedAt,
    string CommentStatus,
    long? SavedBy,
    DateTimeOffset SavedAt,
    IReadOnlyList<Byline>? Bylines = null,
    string Dateline = "")
{
    /// <summary>The editor's form filled from this revision, for restoring it.</summary>
    public ArticleInput ToInput() => new()
    {
        Title = Title,
        Slug = Slug,
        Summary = Summary,
        BodyMarkdown = BodyMarkdown,
        Sections = Sections,
        Tags = Tags,
        CommentStatus = CommentStatus,
        Bylines = Bylines?.Select(byline => byline.AsChoice()).ToList(),
        Dateline = Dateline,
    };
}

/// <summary>A line of the revision list: which version, by whom (a user id; null for the scheduler or a removed user), when.</summary>
public sealed record RevisionSummary
{
    public int Version { get; init; }
    public required string Title { get; init; }
    public required string Status { get; init; }
    public long? SavedBy { get; init; }
    public DateTimeOffset SavedAt { get; init; }

    /// <summary>The display name of <see cref="SavedBy"/>, if that member still exists.</summary>
    public string? SavedByName { get; init; }
}

/// <summary>One field of two revisions side by side.</summary>
public sealed record FieldComparison(string Field, SideBySideText Text)
{
    public bool Changed => Text.HasChanges;
}

/// <summary>Two revisions compared field by field (title, slug, dateline, summary, body, sections, tags, bylines, status), changes marked.</summary>
public sealed record RevisionComparison(ArticleRevision From, ArticleRevision To, IReadOnlyList<FieldComparison> Fields);

/// <summary>
/// Every save of an article keeps a revision, written in the save's own
/// transaction; the newsroom lists them, compares two side by side and
/// restores one (through <see cref="ArticleEditor.RestoreRevisionAsync"/>, itself a save).
/// </summary>
public sealed class ArticleRevisions(Database database, IEnumerable<INewsroomNames> names)
{
    private const string Columns = """
        article_id, version, title, slug, summary, body_markdown, sections, tags, status,
        published_at, comment_status, saved_by, saved_at, bylines, dateline
        """;

    /// <summary>Records the article as it now stands in the unit of work (its version is the revision's).</summary>
    public static async Task WriteAsync(UnitOfWork work, Article article, IReadOnlyList<string> sections, IReadOnlyList<string> tags, IReadOnlyList<Byline> bylines,
        long? savedBy, DateTimeOffset savedAt, CancellationToken cancellationToken) =>
        await work.Connection.ExecuteAsync(work.Command(
            $"""
            insert into article_revisions ({Columns})
            values (@Id, @Version, @Title, @Slug, @Summary, @BodyMarkdown, @sections, @tags, @Status, @PublishedAt, @CommentStatus, @savedBy, @savedAt, @bylines, @Dateline)
            """,
            new
            {
                article.Id,
                article.Version,
                article.Title,
                article.Slug,
                article.Summary,
                article.BodyMarkdown,
                sections = JsonSerializer.Serialize(sections),
                tags = JsonSerializer.Serialize(tags),
                article.Status,
                article.PublishedAt,
                article.CommentStatus,
                savedBy,
                savedAt,
                bylines = JsonSerializer.Serialize(bylines),
                article.Dateline,
            },
            cancellationToken));

    /// <summary>The article's revisions, newest first; null when it does not exist or the user may not open it.</summary>
    public async Task<IReadOnlyList<RevisionSummary>?> ListAsync(NewsroomUser actor, long articleId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (!await MayOpenAsync(connection, actor, articleId, cancellationToken))
        {
            return null;
        }
        var rows = (await connection.QueryAsync<RevisionSummary>(new CommandDefinition(
            "select version, title, status, saved_by, saved_at from article_revisions where article_id = @articleId order by version desc",
            new { articleId }, cancellationToken: cancellationToken))).AsList();
        var known = names.FirstOrDefault() is { } directory
            ? await directory.DisplayNamesAsync([.. rows.Select(row => row.SavedBy).OfType<long>()], cancellationToken)
            : new Dictionary<long, string>();
        return [.. rows.Select(row => row with { SavedByName = row.SavedBy is { } id ? known.GetValueOrDefault(id) : null })];
    }

    /// <summary>One revision; null when it, or the article, does not exist or the user may not open it.</summary>
    public async Task<ArticleRevision?> GetAsync(NewsroomUser actor, long articleId, int version, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await MayOpenAsync(connection, actor, articleId, cancellationToken)
            ? await ReadAsync(connection, articleId, version, cancellationToken)
            : null;
    }

    /// <summary>Two revisions of one article, field by field, side by side; null when either is missing or the user may not open the article.</summary>
    public async Task<RevisionComparison?> CompareAsync(NewsroomUser actor, long articleId, int fromVersion, int toVersion, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (!await MayOpenAsync(connection, actor, articleId, cancellationToken)
            || await ReadAsync(connection, articleId, fromVersion, cancellationToken) is not { } from
            || await ReadAsync(connection, articleId, toVersion, cancellationToken) is not { } to)
        {
            return null;
        }
        return Compare(from, to);
    }

    public static RevisionComparison Compare(ArticleRevision from, ArticleRevision to) => new(from, to,
    [
        new(ArticleFields.Title, SideBySideText.Compare(from.Title, to.Title)),
        new(ArticleFields.Slug, SideBySideText.Compare(from.Slug, to.Slug)),
        new(ArticleFields.Dateline, SideBySideText.Compare(from.Dateline, to.Dateline)),
        new(ArticleFields.Summary, SideBySideText.Compare(from.Summary, to.Summary)),
        new(ArticleFields.BodyMarkdown, SideBySideText.Compare(from.BodyMarkdown, to.BodyMarkdown)),
        new(ArticleFields.Sections, SideBySideText.Compare(string.Join('\n', from.Sections), string.Join('\n', to.Sections))),
        new(ArticleFields.Tags, SideBySideText.Compare(string.Join('\n', from.Tags), string.Join('\n', to.Tags))),
        new(ArticleFields.Bylines, SideBySideText.Compare(BylineLines(from.Bylines), BylineLines(to.Bylines))),
        new(ArticleFields.Status, SideBySideText.Compare(from.Status, to.Status)),
    ]);

    /// <summary>One line a byline, saying which are organizations; a revision from before bylines were kept shows none.</summary>
    private static string BylineLines(IReadOnlyList<Byline>? bylines) =>
        string.Join('\n', (bylines ?? []).Select(byline => byline.Organization ? byline.Name + " (organization)" : byline.Name));

    internal static async Task<ArticleRevision?> ReadAsync(System.Data.Common.DbConnection connection, long articleId, int version, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<RevisionRow>(new CommandDefinition(
            $"select {Columns} from article_revisions where article_id = @articleId and version = @version",
            new { articleId, version }, cancellationToken: cancellationToken));
        return row is null ? null : new ArticleRevision(
            row.ArticleId, row.Version, row.Title, row.Slug, row.Summary, row.BodyMarkdown,
            JsonSerializer.Deserialize<List<string>>(row.Sections) ?? [], JsonSerializer.Deserialize<List<string>>(row.Tags) ?? [],
            row.Status, row.PublishedAt, row.CommentStatus, row.SavedBy, row.SavedAt,
            row.Bylines is null ? null : JsonSerializer.Deserialize<List<Byline>>(row.Bylines), row.Dateline);
    }

    private static async Task<bool> MayOpenAsync(System.Data.Common.DbConnection connection, NewsroomUser actor, long articleId, CancellationToken cancellationToken) =>
        await ArticleStore.FindAsync(connection, null, articleId, cancellationToken) is { } article && ArticleRules.MayOpen(actor, article);

    private sealed record RevisionRow
    {
        public long ArticleId { get; init; }
        public int Version { get; init; }
        public string Title { get; init; } = "";
        public string Slug { get; init; } = "";
        public string Summary { get; init; } = "";
        public string BodyMarkdown { get; init; } = "";
        public string Sections { get; init; } = "[]";
        public string Tags { get; init; } = "[]";
        public string Status { get; init; } = "";
        public DateTimeOffset? PublishedAt { get; init; }
        public string CommentStatus { get; init; } = "";
        public long? SavedBy { get; init; }
        public DateTimeOffset SavedAt { get; init; }
        public string? Bylines { get; init; }
        public string Dateline { get; init; } = "";
    }
}
