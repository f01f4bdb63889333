using System.Text.Json;
using Dapper;
using Gazette.Events;
using Gazette.Storage;
using Gazette.Web;

namespace Gazette.Articles;

/// <summary>What the editor's page saved on its own for one user: never the article itself.</summary>
public sealed record Autosave(long? ArticleId, int? BaseVersion, ArticleInput Input, DateTimeOffset SavedAt);

/// <summary>
/// The editor's autosave (every 30 s from the page's script): one per user and
/// article, or per user for an article not saved yet, kept apart from the
/// article so it never overwrites anyone's work. It is offered back when it is
/// newer than the article's last save (a crashed browser), and goes when that
/// user saves the article.
/// </summary>
public sealed class ArticleAutosaves(Database database, UnitsOfWork units, TimeProvider time)
{
    /// <summary>Keeps the form for <paramref name="actor"/>; false when the article does not exist or they may not open it.</summary>
    public async Task<bool> SaveAsync(NewsroomUser actor, long? articleId, int? baseVersion, ArticleInput input, CancellationToken cancellationToken = default)
    {
        await using var work = await units.BeginAsync(cancellationToken);
        if (articleId is { } id && !(await ArticleStore.FindAsync(work.Connection, work.Transaction, id, cancellationToken) is { } article && ArticleRules.MayOpen(actor, article)))
        {
            return false;
        }
        var target = articleId is null ? "(user_id) where article_id is null" : "(user_id, article_id) where article_id is not null";
        await work.Connection.ExecuteAsync(work.Command(
            $"""
            insert into article_autosaves (user_id, article_id, base_version, title, slug, summary, body_markdown, sections, tags, saved_at, bylines, dateline)
            values (@userId, @articleId, @baseVersion, @Title, @slug, @summary, @BodyMarkdown, @sections, @tags, @now, @bylines, @dateline)
            on conflict {target} do update set
                base_version = excluded.base_version, title = excluded.title, slug = excluded.slug, summary = excluded.summary,
                body_markdown = excluded.body_markdown, sections = excluded.sections, tags = excluded.tags, saved_at = excluded.saved_at,
                bylines = excluded.bylines, dateline = excluded.dateline
            """,
            new
            {
                userId = actor.Id,
                articleId,
                baseVersion,
                input.Title,
                slug = input.Slug ?? "",
                summary = input.Summary ?? "",
                input.BodyMarkdown,
                sections = JsonSerializer.Serialize(input.Sections),
                tags = JsonSerializer.Serialize(input.Tags),
                now = time.GetUtcNow(),
                bylines = input.Bylines is null ? null : JsonSerializer.Serialize(input.Bylines),
                dateline = input.Dateline ?? "",
            },
            cancellationToken));
        await work.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>The user's autosave of this article (null: of their unsaved new article), whatever its age.</summary>
    public async Task<Autosave?> GetAsync(NewsroomUser actor, long? articleId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            """
            select article_id, base_version, title, slug, summary, body_markdown, sections, tags, saved_at, bylines, dateline from article_autosaves
            where user_id = @userId and (article_id = @articleId or (article_id is null and @articleId is null))
            """,
            new { userId = actor.Id, articleId }, cancellationToken: cancellationToken));
        return row?.ToAutosave();
    }

    /// <summary>The autosave to offer back when the editor opens: only one newer than the article's last save.</summary>
    public async Task<Autosave?> OfferAsync(NewsroomUser actor, long? articleId, CancellationToken cancellationToken = default)
    {
        var autosave = await GetAsync(actor, articleId, cancellationToken);
        if (autosave is null || articleId is not { } id)
        {
            return autosave;
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        var article = await ArticleStore.FindAsync(connection, null, id, cancellationToken);
        return article is not null && ArticleRules.MayOpen(actor, article) && autosave.SavedAt > article.UpdatedAt ? autosave : null;
    }

    /// <summary>Throws the user's autosave of this article (null: of their new article) away.</summary>
    public async Task DiscardAsync(NewsroomUser actor, long? articleId, CancellationToken cancellationToken = default)
    {
        await using var work = await units.BeginAsync(cancellationToken);
        await DiscardAsync(work, actor.Id, articleId, cancellationToken);
        await work.CommitAsync(cancellationToken);
    }

    /// <summary>In the unit of work that saves the article: the autosave is spent.</summary>
    public static async Task DiscardAsync(UnitOfWork work, long userId, long? articleId, CancellationToken cancellationToken) =>
        await work.Connection.ExecuteAsync(work.Command(
            "delete from article_autosaves where user_id = @userId and (article_id = @articleId or (article_id is null and @articleId is null))",
            new { userId, articleId }, cancellationToken));

    private sealed record Row
    {
        public long? ArticleId { get; init; }
        public int? BaseVersion { get; init; }
        public string Title { get; init; } = "";
        public string Slug { get; init; } = "";
        public string Summary { get; init; } = "";
        public string BodyMarkdown { get; init; } = "";
        public string Sections { get; init; } = "[]";
        public string Tags { get; init; } = "[]";
        public DateTimeOffset SavedAt { get; init; }
        public string? Bylines { get; init; }
        public string Dateline { get; init; } = "";

        public Autosave ToAutosave() => new(ArticleId, BaseVersion, new ArticleInput
        {
            Title = Title,
            Slug = Slug,
            Summary = Summary,
            BodyMarkdown = BodyMarkdown,
            Sections = JsonSerializer.Deserialize<List<string>>(Sections) ?? [],
            Tags = JsonSerializer.Deserialize<List<string>>(Tags) ?? [],
            Bylines = Bylines is null ? null : JsonSerializer.Deserialize<List<Byline>>(Bylines),
            Dateline = Dateline,
        }, SavedAt);
    }
}
