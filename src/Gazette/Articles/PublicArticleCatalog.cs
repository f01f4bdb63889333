using System.Data.Common;
using System.Runtime.CompilerServices;
using Dapper;
using Gazette.Articles.Contracts;
using Gazette.Kernel;
using Gazette.Storage;

namespace Gazette.Articles;

/// <summary>
/// <see cref="IPublicArticles"/>: articles and pages as feeds, sitemaps and
/// search read them, under the one rule of what the public may see (published,
/// and not dated in the future) that <see cref="PublicArticleReader"/> applies to pages.
/// </summary>
public sealed partial class PublicArticleCatalog(Database database, Permalinks links, TimeProvider time) : IPublicArticles
{
    private const int MaxIds = 500;

    private const string Visible = "a.status = 'published' and a.published_at <= @now";

    public async Task<PublicArticle?> FindAsync(long id, CancellationToken cancellationToken) =>
        (await FindManyAsync([id], cancellationToken)).SingleOrDefault();

    public async Task<IReadOnlyList<PublicArticle>> FindManyAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ids.Count, MaxIds);
        if (ids.Count == 0)
        {
            return [];
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Article>(new CommandDefinition(
            $"select {ArticleStore.Columns} from articles a where {database.Dialect.InList("a.id", "ids")} and {Visible}",
            new { ids = ids.Distinct().ToArray(), now = time.GetUtcNow() }, cancellationToken: cancellationToken));
        return await CompleteAsync(connection, rows.AsList(), cancellationToken);
    }

    public async Task<IReadOnlyList<PublicArticle>> LatestAsync(PublicArticleFilter filter, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(filter.Limit, MaxIds);
        await using var connection = await database.OpenAsync(cancellationToken);
        // A section's articles include those of the sections beneath it, as on its page (PublicArticleReader.ListAsync).
        var branch = filter.SectionId is { } sectionId ? await SectionTree.BranchAsync(connection, null, sectionId, cancellationToken) : null;
        // A tag's articles are read once as a list: tested per row with exists, a tag of
        // one article made SQLite walk every public article (0.3 s at 100,000; now 16 ms).
        var rows = await connection.QueryAsync<Article>(new CommandDefinition(
            $"""
            select {ArticleStore.Columns} from articles a
            where a.kind = 'article' and {Visible}
              {(branch is null ? "" : $"and exists (select 1 from article_sections x where x.article_id = a.id and {database.Dialect.InList("x.section_id", "branch")})")}
              and (@TagId is null or a.id in (select t.article_id from article_tags t where t.tag_id = @TagId))
              and (@AuthorId is null or exists (select 1 from bylines b where b.article_id = a.id and b.user_id = @AuthorId))
              {(filter.Since is null ? "" : "and a.published_at >= @Since")}
            order by a.published_at desc, a.id desc
            limit @Limit
            """,
            new { branch = branch?.ToArray(), filter.TagId, filter.AuthorId, filter.Since, filter.Limit, now = time.GetUtcNow() },
            cancellationToken: cancellationToken));
        return await CompleteAsync(connection, rows.AsList(), cancellationToken);
    }

    public async IAsyncEnumerable<PublicLocation> LocationsAsync(string kind, long afterId, int limit, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (kind is not (ArticleKind.Article or ArticleKind.Page))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Expected \"article\" or \"page\".");
        }
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        var command = new CommandDefinition(
            $"""
            select {ArticleStore.Columns} from articles a
            where a.kind = @kind and a.id > @afterId and {Visible}
            order by a.id limit @limit
            """,
            new { kind, afterId, limit, now }, cancellationToken: cancellationToken);
        if (kind == ArticleKind.Article)
        {
            await foreach (var article in connection.QueryUnbufferedAsync<Article>(command.CommandText, command.Parameters).WithCancellation(cancellationToken))
            {
                yield return new PublicLocation(article.Id, article.Kind, links.Of(article), article.Title, article.PublishedAt!.Value, article.UpdatedAt);
            }
            yield break;
        }
        // A page's path reads its ancestors, which one connection cannot do while it streams; pages are few.
        foreach (var page in (await connection.QueryAsync<Article>(command)).AsList())
        {
            if (await PagePaths.OfAsync(connection, null, page, now, cancellationToken) is { } place)
            {
                yield return new PublicLocation(page.Id, page.Kind, place.Path, page.Title, page.PublishedAt!.Value, page.UpdatedAt);
            }
        }
    }

    public Task<PublicTerm?> FindSectionAsync(string slug, CancellationToken cancellationToken) =>
        FindTermAsync("sections", "description", Permalinks.Section, slug, cancellationToken);

    public async Task<IReadOnlyList<long>> SectionBranchAsync(long sectionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await SectionTree.BranchAsync(connection, null, sectionId, cancellationToken);
    }

    public Task<PublicTerm?> FindTagAsync(string slug, CancellationToken cancellationToken) =>
        FindTermAsync("tags", "description", Permalinks.Tag, slug, cancellationToken);

    private async Task<PublicTerm?> FindTermAsync(string table, string description, Func<string, string> path, string slug, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var term = await connection.QuerySingleOrDefaultAsync<Term>(new CommandDefinition(
            $"select id, slug, name, {description} from {table} where slug = @slug",
            new { slug = Normalized.Slug(slug) }, cancellationToken: cancellationToken));
        return term is null ? null : new PublicTerm(term.Id, term.Slug, term.Name, term.Description, path(term.Slug));
    }

    /// <summary>The rows with their sections, tags, bylines and paths, in the rows' order: seven queries whatever their number.</summary>
    internal async Task<IReadOnlyList<PublicArticle>> CompleteAsync(DbConnection connection, List<Article> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return [];
        }
        var ids = rows.Select(row => row.Id).ToArray();
        var inList = database.Dialect.InList("x.article_id", "ids");
        var sections = await TermsAsync(connection,
            $"select x.article_id, s.id, s.slug, s.name, s.description from article_sections x join sections s on s.id = x.section_id where {inList} order by x.position",
            ids, Permalinks.Section, cancellationToken);
        var tags = await TermsAsync(connection,
            $"select x.article_id, t.id, t.slug, t.name, t.description from article_tags x join tags t on t.id = x.tag_id where {inList} order by t.name",
            ids, Permalinks.Tag, cancellationToken);
        var bylines = (await connection.QueryAsync<BylineRow>(new CommandDefinition(
                $"select x.article_id, x.name, x.user_id, x.organization from bylines x where {inList} order by x.position",
                new { ids }, cancellationToken: cancellationToken)))
            .ToLookup(row => row.ArticleId, row => new PublicByline(row.Name, row.UserId, row.Organization));
        var notices = await ArticleNotices.LatestAsync(connection, inList, ids, cancellationToken);
        var live = await LiveEntries.LatestAsync(connection, inList, ids, cancellationToken);
        var now = time.GetUtcNow();
        var articles = new List<PublicArticle>(rows.Count);
        foreach (var row in rows)
        {
            var path = row.Kind == ArticleKind.Page
                ? (await PagePaths.OfAsync(connection, null, row, now, cancellationToken))?.Path
                : links.Of(row);
            if (path is null)
            {
                continue;
            }
            articles.Add(new PublicArticle(row.Id, row.Kind, path, row.Title, row.Summary, row.BodyHtml, row.PublishedAt!.Value, row.UpdatedAt,
                [.. sections[row.Id]], [.. tags[row.Id]], [.. bylines[row.Id]], row.FeaturedMediaId, row.CommentCount,
                row.CommentStatus == DiscussionStatus.Open, row.ParentId, row.Slug, notices.GetValueOrDefault(row.Id),
                live.TryGetValue(row.Id, out var entry) ? new PublicLiveEntry(entry.Latest.Anchor, entry.Latest.Headline, entry.Latest.BodyHtml, entry.Latest.PostedAt, entry.Changed) : null));
        }
        return articles;
    }

    private static async Task<ILookup<long, PublicTerm>> TermsAsync(DbConnection connection, string sql, long[] ids, Func<string, string> path, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<TermRow>(new CommandDefinition(sql, new { ids }, cancellationToken: cancellationToken)))
        .ToLookup(row => row.ArticleId, row => new PublicTerm(row.Id, row.Slug, row.Name, row.Description, path(row.Slug)));

    private sealed class TermRow
    {
        public long ArticleId { get; init; }
        public long Id { get; init; }
        public string Slug { get; init; } = "";
        public string Name { get; init; } = "";
        public string Description { get; init; } = "";
    }

    private sealed class BylineRow
    {
        public long ArticleId { get; init; }
        public string Name { get; init; } = "";
        public long? UserId { get; init; }
        public bool Organization { get; init; }
    }
}
