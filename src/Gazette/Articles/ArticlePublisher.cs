using System.Data.Common;
using System.Globalization;
using Dapper;
using Gazette.Articles.Contracts;
using Gazette.Events;
using Gazette.Kernel;
using Gazette.Rendering;

namespace Gazette.Articles;

/// <summary>
/// Saves a new article with its sections, tags and bylines in one unit of work:
/// renders its Markdown once (stored HTML is what pages print), keeps the
/// section and tag counters true, and raises <see cref="ArticlePublished"/> (or
/// <see cref="ArticleChanged"/> for one the public cannot see yet), whose
/// handlers evict the cached pages that show it.
/// </summary>
public sealed class ArticlePublisher(UnitsOfWork units, ArticleStore articles, MarkdownRenderer markdown, TimeProvider time)
{
    public async Task<Article> CreateAsync(ArticleDraft draft, CancellationToken cancellationToken = default)
    {
        long id;
        await using (var work = await units.BeginAsync(cancellationToken))
        {
            id = await CreateAsync(work, draft, cancellationToken);
            await work.CommitAsync(cancellationToken);
        }
        return (await articles.FindAsync(id, cancellationToken))!;
    }

    /// <summary>Creates the article inside the caller's unit of work (a batch of them, say); returns its id.</summary>
    public async Task<long> CreateAsync(UnitOfWork work, ArticleDraft draft, CancellationToken cancellationToken = default)
    {
        Validate(draft);
        var now = time.GetUtcNow();
        var publishedAt = draft.PublishedAt ?? (draft.Status == ArticleStatus.Published ? now : null);
        // A back-dated story was not edited today (docs/decisions.md, 16).
        var updatedAt = publishedAt < now ? publishedAt.Value : now;
        var summary = string.IsNullOrWhiteSpace(draft.Summary) ? MarkdownRenderer.FirstParagraphText(draft.BodyMarkdown) : draft.Summary.Trim();
        var html = markdown.Render(draft.BodyMarkdown);

        var connection = work.Connection;
        var transaction = work.Transaction;
        var slug = await UniqueSlugAsync(connection, transaction, draft.Kind, Normalized.Slug(draft.Slug ?? draft.Title), cancellationToken);
        var id = await ArticleStore.InsertAsync(connection, transaction, new Article
        {
            Kind = draft.Kind,
            ParentId = draft.ParentId,
            Slug = slug,
            Title = draft.Title.Trim(),
            Summary = summary,
            BodyMarkdown = draft.BodyMarkdown,
            BodyHtml = html.Html,
            Status = draft.Status,
            PublishedAt = publishedAt,
            CreatedAt = now,
            UpdatedAt = updatedAt,
            CommentStatus = draft.CommentStatus,
            Premoderated = draft.Premoderated,
        }, cancellationToken);

        var sectionIds = new List<long>();
        var navigationChanged = false;
        foreach (var name in draft.Sections.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var (sectionId, created) = await EnsureTermAsync(connection, transaction, "sections", name, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(
                "insert into article_sections (article_id, section_id, position) values (@id, @sectionId, @position)",
                new { id, sectionId, position = sectionIds.Count }, transaction, cancellationToken: cancellationToken));
            sectionIds.Add(sectionId);
            navigationChanged |= created;
        }
        var tagIds = new List<long>();
        foreach (var name in draft.Tags.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var (tagId, _) = await EnsureTermAsync(connection, transaction, "tags", name, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(
                "insert into article_tags (article_id, tag_id) values (@id, @tagId)",
                new { id, tagId }, transaction, cancellationToken: cancellationToken));
            tagIds.Add(tagId);
        }
        for (var position = 0; position < draft.Bylines.Count; position++)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "insert into bylines (article_id, position, user_id, name) values (@id, @position, null, @name)",
                new { id, position, name = draft.Bylines[position].Trim() }, transaction, cancellationToken: cancellationToken));
        }
        await RecountAsync(connection, transaction, sectionIds, tagIds, cancellationToken);
        if (draft.Status == ArticleStatus.Published)
        {
            await work.RaiseAsync(new ArticlePublished(id, sectionIds, tagIds, navigationChanged), cancellationToken);
        }
        else
        {
            await work.RaiseAsync(new ArticleChanged(id, draft.Status, sectionIds, tagIds, navigationChanged), cancellationToken);
        }
        return id;
    }

    private static void Validate(ArticleDraft draft)
    {
        if (string.IsNullOrWhiteSpace(draft.Title))
        {
            throw new ArgumentException("An article needs a title.", nameof(draft));
        }
        if (draft.Kind is not (ArticleKind.Article or ArticleKind.Page))
        {
            throw new ArgumentException($"Unknown kind '{draft.Kind}'.", nameof(draft));
        }
        if (draft.Status is not (ArticleStatus.Draft or ArticleStatus.Scheduled or ArticleStatus.Published or ArticleStatus.Private or ArticleStatus.Trash))
        {
            throw new ArgumentException($"Unknown status '{draft.Status}'.", nameof(draft));
        }
        if (draft.Sections.Concat(draft.Tags).Any(name => Normalized.Slug(name).Length == 0))
        {
            throw new ArgumentException("Every section and tag needs a name with letters or digits.", nameof(draft));
        }
    }

    /// <summary>WordPress's rule: a taken (or here, reserved) slug gets -2, -3 ... until it is free.</summary>
    private static async Task<string> UniqueSlugAsync(DbConnection connection, DbTransaction transaction, string kind, string wanted, CancellationToken cancellationToken)
    {
        var stem = wanted.Length == 0 ? kind : wanted;
        for (var n = 1; ; n++)
        {
            var candidate = n == 1 ? stem : string.Create(CultureInfo.InvariantCulture, $"{stem}-{n}");
            if (ReservedWords.IsReserved(candidate))
            {
                continue;
            }
            var taken = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "select exists (select 1 from articles where kind = @kind and slug = @candidate)",
                new { kind, candidate }, transaction, cancellationToken: cancellationToken));
            if (!taken)
            {
                return candidate;
            }
        }
    }

    private static async Task<(long Id, bool Created)> EnsureTermAsync(DbConnection connection, DbTransaction transaction, string table, string name, CancellationToken cancellationToken)
    {
        var slug = Normalized.Slug(name);
        if (ReservedWords.IsReserved(slug))
        {
            slug += "-" + table[..^1];
        }
        var insert = table == "sections"
            ? "insert into sections (slug, name, description, article_count) values (@slug, @name, '', 0) on conflict (slug) do nothing"
            : "insert into tags (slug, name, article_count) values (@slug, @name, 0) on conflict (slug) do nothing";
        var created = await connection.ExecuteAsync(new CommandDefinition(insert, new { slug, name = name.Trim() }, transaction, cancellationToken: cancellationToken)) == 1;
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"select id from {table} where slug = @slug", new { slug }, transaction, cancellationToken: cancellationToken));
        return (id, created);
    }

    /// <summary>
    /// Counts are recomputed for the touched sections and tags only, at write time,
    /// so pages never count. One statement per id: Dapper expands "in @list" on
    /// SQLite but sends an array on PostgreSQL, so no list syntax serves both.
    /// </summary>
    private static async Task RecountAsync(DbConnection connection, DbTransaction transaction, List<long> sectionIds, List<long> tagIds, CancellationToken cancellationToken)
    {
        await RecountTermsAsync(connection, transaction, "sections", "article_sections", "section_id", sectionIds, cancellationToken);
        await RecountTermsAsync(connection, transaction, "tags", "article_tags", "tag_id", tagIds, cancellationToken);
    }

    private static async Task RecountTermsAsync(DbConnection connection, DbTransaction transaction, string terms, string links, string key, List<long> ids, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            update {terms} set article_count = (
                select count(*) from {links} x join articles a on a.id = x.article_id
                where x.{key} = {terms}.id and a.kind = 'article' and a.status = 'published')
            where id = @id
            """,
            ids.Select(id => new { id }), transaction, cancellationToken: cancellationToken));
}
