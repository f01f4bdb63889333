using Dapper;
using Gazette.Articles.Contracts;
using Gazette.Storage;

namespace Gazette.Articles;

/// <summary>
/// Every article and page, whatever its status, for <see cref="IArticleExport"/>:
/// a page of articles and then their sections, tags and bylines in three
/// queries (never one per article).
/// </summary>
public sealed class ArticleExportReader(Database database, Permalinks links, TimeProvider time) : IArticleExport
{
    public async Task<IReadOnlyList<ExportedTerm>> SectionsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<TermRow>(new CommandDefinition(
            "select s.id, s.slug, s.name, s.description, p.slug as parent_slug from sections s left join sections p on p.id = s.parent_id order by s.id",
            cancellationToken: cancellationToken))).AsList();
        return ParentsFirst(rows);
    }

    /// <summary>By id, except that a section whose parent comes later waits for it: an importer reading in order finds every parent made.</summary>
    private static List<ExportedTerm> ParentsFirst(List<TermRow> rows)
    {
        var ordered = new List<ExportedTerm>(rows.Count);
        var written = new HashSet<string>(StringComparer.Ordinal);
        var waiting = rows;
        while (waiting.Count > 0)
        {
            var ready = waiting.Where(row => row.ParentSlug is null || written.Contains(row.ParentSlug)).ToList();
            // The tree has no loops (SectionTree refuses them); should a damaged one have, the rest are written as they are.
            foreach (var row in ready.Count > 0 ? ready : waiting)
            {
                ordered.Add(row.ToTerm());
                written.Add(row.Slug);
            }
            waiting = ready.Count > 0 ? [.. waiting.Except(ready)] : [];
        }
        return ordered;
    }

    public async Task<IReadOnlyList<ExportedTerm>> TagsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<TermRow>(new CommandDefinition(
            "select id, slug, name, description from tags order by id", cancellationToken: cancellationToken));
        return [.. rows.Select(row => row.ToTerm())];
    }

    public async Task<IReadOnlyList<long>> MemberIdsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var ids = await connection.QueryAsync<long>(new CommandDefinition(
            """
            select user_id from bylines where user_id is not null
            union
            select author_id from articles where author_id is not null
            order by 1
            """, cancellationToken: cancellationToken));
        return ids.AsList();
    }

    public async Task<long> HighestIdAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition("select max(id) from articles", cancellationToken: cancellationToken)) ?? 0;
    }

    public async Task<IReadOnlyList<ExportedArticle>> PageAsync(long afterId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var articles = (await connection.QueryAsync<Article>(new CommandDefinition(
            $"select {ArticleStore.Columns} from articles where id > @afterId order by id limit @limit",
            new { afterId, limit }, cancellationToken: cancellationToken))).AsList();
        if (articles.Count == 0)
        {
            return [];
        }
        var ids = articles.Select(article => article.Id).ToArray();
        var inList = database.Dialect.InList("x.article_id", "ids");
        var sections = (await connection.QueryAsync<LinkedTermRow>(new CommandDefinition(
            $"select x.article_id, s.id, s.slug, s.name, s.description from article_sections x join sections s on s.id = x.section_id where {inList} order by x.article_id, x.position",
            new { ids }, cancellationToken: cancellationToken))).ToLookup(row => row.ArticleId, row => row.ToTerm());
        var tags = (await connection.QueryAsync<LinkedTermRow>(new CommandDefinition(
            $"select x.article_id, t.id, t.slug, t.name, t.description from article_tags x join tags t on t.id = x.tag_id where {inList} order by x.article_id, t.slug",
            new { ids }, cancellationToken: cancellationToken))).ToLookup(row => row.ArticleId, row => row.ToTerm());
        var bylines = (await connection.QueryAsync<BylineRow>(new CommandDefinition(
            $"select x.article_id, x.name, x.user_id from bylines x where {inList} order by x.article_id, x.position",
            new { ids }, cancellationToken: cancellationToken))).ToLookup(row => row.ArticleId, row => new PublicByline(row.Name, row.UserId));
        var now = time.GetUtcNow();
        var result = new List<ExportedArticle>(articles.Count);
        foreach (var article in articles)
        {
            result.Add(new ExportedArticle(article.Id, article.Kind, article.ParentId, article.Slug, article.Title, article.Summary, article.BodyHtml,
                article.Status, article.PublishedAt, article.CreatedAt, article.UpdatedAt, article.CommentStatus == DiscussionStatus.Open,
                await PathAsync(connection, article, now, cancellationToken), article.AuthorId,
                [.. sections[article.Id]], [.. tags[article.Id]], [.. bylines[article.Id]], article.FeaturedMediaId));
        }
        return result;
    }

    /// <summary>A page's path walks its parents (pages are few); an article's follows the pattern from its date.</summary>
    private async Task<string?> PathAsync(System.Data.Common.DbConnection connection, Article article, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (article.PublishedAt is null)
        {
            return null;
        }
        if (article.Kind == ArticleKind.Article)
        {
            return links.Of(article);
        }
        return article.Status == ArticleStatus.Published && article.PublishedAt <= now
            ? (await PagePaths.OfAsync(connection, null, article, now, cancellationToken))?.Path
            : null;
    }

    private sealed record TermRow
    {
        public long Id { get; init; }
        public string Slug { get; init; } = "";
        public string Name { get; init; } = "";
        public string Description { get; init; } = "";
        public string? ParentSlug { get; init; }

        public ExportedTerm ToTerm() => new(Id, Slug, Name, Description, ParentSlug ?? "");
    }

    private sealed record LinkedTermRow
    {
        public long ArticleId { get; init; }
        public long Id { get; init; }
        public string Slug { get; init; } = "";
        public string Name { get; init; } = "";
        public string Description { get; init; } = "";

        public ExportedTerm ToTerm() => new(Id, Slug, Name, Description);
    }

    private sealed record BylineRow
    {
        public long ArticleId { get; init; }
        public string Name { get; init; } = "";
        public long? UserId { get; init; }
    }
}
