using Dapper;
using Gazette.Articles.Contracts;
using Gazette.Events;
using Gazette.Kernel;
using Gazette.Storage;

namespace Gazette.Articles;

/// <summary>
/// Articles from another site (<see cref="IArticleImport"/>), through the
/// publisher: the HTML body is stored as the Markdown source (Markdown lets
/// HTML through) and rendered by the same sanitizing renderer as every body.
/// An old slug of a dated article becomes a 301 from the link it made to the
/// article's link now.
/// </summary>
public sealed class ArticleImport(ArticlePublisher publisher, Permalinks links, Database database, TimeProvider time) : IArticleImport
{
    private static readonly string[] FreshInstallTitles = [SampleContent.Title, PolicyDrafts.PrivacyTitle, PolicyDrafts.CommentTitle];

    public async Task<long> AddAsync(UnitOfWork work, ImportedArticle article, CancellationToken cancellationToken = default)
    {
        var id = await publisher.CreateAsync(work, new ArticleDraft
        {
            Id = article.Id,
            Title = article.Title,
            BodyMarkdown = article.BodyHtml,
            Summary = article.Summary,
            Slug = article.Slug.Length > 0 ? article.Slug : null,
            Kind = article.IsPage ? ArticleKind.Page : ArticleKind.Article,
            ParentId = article.IsPage ? article.ParentId : null,
            Status = article.Status,
            PublishedAt = article.PublishedAt,
            CommentStatus = article.CommentsOpen ? DiscussionStatus.Open : DiscussionStatus.Closed,
            SectionsBySlug = [.. article.Sections.Select(Keyed)],
            TagsBySlug = [.. article.Tags.Select(Keyed)],
            Bylines = [.. article.Bylines.Select(byline => byline.Name).Distinct(StringComparer.Ordinal)],
            BylineMembers = article.Bylines.Where(byline => byline.MemberId is not null).DistinctBy(byline => byline.Name).ToDictionary(byline => byline.Name, byline => byline.MemberId!.Value),
            FeaturedMediaId = article.FeaturedMediaId,
        }, cancellationToken);
        if (article.PublishedAt is { } publishedAt && await PathAsync(work, id, publishedAt, cancellationToken) is { } path)
        {
            var oldPaths = article.IsPage ? [] : article.OldSlugs.Select(old => links.Article(id, old, publishedAt)).ToList();
            if (article.OldPath is { Length: > 1 } servedAt)
            {
                oldPaths.Add(servedAt);
            }
            // Paths are looked up as the request gives them: decoded, and lower-cased.
            foreach (var oldPath in oldPaths.Select(old => Uri.UnescapeDataString(old).ToLowerInvariant()).Distinct(StringComparer.Ordinal).Where(oldPath => oldPath != path))
            {
                await ArticleRedirects.RecordAsync(work, oldPath, path, time.GetUtcNow(), cancellationToken);
            }
        }
        return id;
    }

    /// <summary>Where the new article or page is once published: a page under an unpublished parent has no path yet.</summary>
    private async Task<string?> PathAsync(UnitOfWork work, long id, DateTimeOffset publishedAt, CancellationToken cancellationToken)
    {
        var article = await work.Connection.QuerySingleAsync<Article>(work.Command($"select {ArticleStore.Columns} from articles where id = @id", new { id }, cancellationToken));
        return article.Kind == ArticleKind.Page
            ? (await PagePaths.OfAsync(work.Connection, work.Transaction, article, publishedAt > time.GetUtcNow() ? publishedAt : time.GetUtcNow(), cancellationToken))?.Path
            : links.Article(id, article.Slug, publishedAt);
    }

    private static bool Fileable(ImportedTerm term) => Normalized.IsSlug(term.FiledSlug) && !string.IsNullOrWhiteSpace(term.Name);

    private static TermKey Keyed(ImportedTerm term) => new(term.FiledSlug, term.Name, term.Description);

    public async Task<bool> HoldsOnlyFreshInstallAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var titles = (await connection.QueryAsync<string>(new CommandDefinition(
            "select title from articles limit 4", cancellationToken: cancellationToken))).AsList();
        return titles.All(title => FreshInstallTitles.Contains(title, StringComparer.Ordinal));
    }

    public async Task<int> RemoveFreshInstallAsync(UnitOfWork work, CancellationToken cancellationToken = default)
    {
        var fresh = (await work.Connection.QueryAsync<(long Id, string Kind, string Status)>(work.Command(
            $"select id, kind, status from articles where {work.Dialect.InList("title", "titles")} order by id", new { titles = FreshInstallTitles }, cancellationToken))).AsList();
        var sections = new HashSet<long>();
        var tags = new HashSet<long>();
        foreach (var (id, kind, status) in fresh)
        {
            var (sectionIds, tagIds) = await ArticleTerms.IdsAsync(work.Connection, work.Transaction, id, cancellationToken);
            var navigationChanged = await ArticleTerms.CountAsync(work.Connection, work.Transaction, Filed.Counted(kind, status, sectionIds, tagIds), Filed.None, cancellationToken);
            // Comments, bylines, revisions and filings go with the row (on delete cascade).
            await CommentCountKeeper.ForgetAsync(work, id, cancellationToken);
            await work.Connection.ExecuteAsync(work.Command("delete from articles where id = @id", new { id }, cancellationToken));
            await work.RaiseAsync(new ArticleChanged(id, ArticleStatus.Trash, sectionIds, tagIds, navigationChanged), cancellationToken);
            sections.UnionWith(sectionIds);
            tags.UnionWith(tagIds);
        }
        await work.Connection.ExecuteAsync(work.Command(
            $"delete from sections where {work.Dialect.InList("id", "ids")} and not exists (select 1 from article_sections x where x.section_id = sections.id)", new { ids = sections.ToArray() }, cancellationToken));
        await work.Connection.ExecuteAsync(work.Command(
            $"delete from tags where {work.Dialect.InList("id", "ids")} and not exists (select 1 from article_tags x where x.tag_id = tags.id)", new { ids = tags.ToArray() }, cancellationToken));
        return fresh.Count;
    }

    public async Task<bool> NestSectionAsync(UnitOfWork work, ImportedTerm section, ImportedTerm parent, CancellationToken cancellationToken = default)
    {
        if (!Fileable(section) || !Fileable(parent))
        {
            return false;
        }
        var sectionId = await ArticleTerms.EnsureSectionAsync(work.Connection, work.Transaction, Keyed(section), cancellationToken);
        var parentId = await ArticleTerms.EnsureSectionAsync(work.Connection, work.Transaction, Keyed(parent), cancellationToken);
        var before = await work.Connection.ExecuteScalarAsync<long?>(work.Command("select parent_id from sections where id = @sectionId", new { sectionId }, cancellationToken));
        if (before == parentId)
        {
            return true;
        }
        if (await SectionTree.PlaceAsync(work.Connection, work.Transaction, sectionId, parentId, cancellationToken) is not null)
        {
            return false;
        }
        await work.RaiseAsync(new SectionMoved(sectionId, before, parentId), cancellationToken);
        return true;
    }

    public async Task<bool> AddTermAsync(UnitOfWork work, bool isTag, ImportedTerm term, CancellationToken cancellationToken = default)
    {
        if (!Fileable(term))
        {
            return false;
        }
        var kind = isTag ? TermDescriptions.Tags : TermDescriptions.Sections;
        var (id, created) = await ArticleTerms.EnsureAsync(work.Connection, work.Transaction, kind, Keyed(term), cancellationToken);
        if (created)
        {
            // Its archive and the Sections page may have been cached while it did not exist.
            await work.RaiseAsync(new TermDescribed(kind, id), cancellationToken);
        }
        return true;
    }

    public async Task<bool> ExistsAsync(UnitOfWork work, long id, CancellationToken cancellationToken = default) =>
        await work.Connection.ExecuteScalarAsync<bool>(work.Command("select exists (select 1 from articles where id = @id)", new { id }, cancellationToken));

    public async Task AfterExplicitIdsAsync(UnitOfWork work, CancellationToken cancellationToken = default)
    {
        if (work.Dialect == SqlDialect.Postgres)
        {
            await work.Connection.ExecuteAsync(work.Command(
                "select setval(pg_get_serial_sequence('articles', 'id'), (select coalesce(max(id), 0) + 1 from articles), false)", null, cancellationToken));
        }
    }
}
