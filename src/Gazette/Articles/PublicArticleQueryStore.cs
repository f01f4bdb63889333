using System.Data.Common;
using Dapper;
using Gazette.Articles.Contracts;
using Gazette.Storage;

namespace Gazette.Articles;

/// <summary>
/// <see cref="IPublicArticleQueries"/>: the WordPress API's paged, counted
/// lists, under the same rule as <see cref="PublicArticleCatalog"/> (published,
/// not dated in the future). A page whose parent is hidden has no public path
/// and is left out of the page though counted in the total. Totals that the
/// stored counts answer (a kind, one section, one tag: decision 165) are read,
/// not counted; other filters count only the rows their indexes find.
/// </summary>
public sealed class PublicArticleQueryStore(Database database, PublicArticleCatalog catalog, TimeProvider time) : IPublicArticleQueries
{
    private const string Visible = "a.status = 'published' and a.published_at <= @now";

    public async Task<PublicResults<PublicArticle>> ArticlesAsync(PublicArticleQuery query, CancellationToken cancellationToken)
    {
        var dialect = database.Dialect;
        var parameters = new DynamicParameters(new { kind = query.Kind, now = time.GetUtcNow() });
        var where = new List<string> { "a.kind = @kind", Visible };
        if (query.SectionIds.Count > 0)
        {
            where.Add($"a.id in (select x.article_id from article_sections x where {dialect.InList("x.section_id", "sectionIds")})");
            parameters.Add("sectionIds", query.SectionIds.ToArray());
        }
        if (query.TagIds.Count > 0)
        {
            where.Add($"a.id in (select t.article_id from article_tags t where {dialect.InList("t.tag_id", "tagIds")})");
            parameters.Add("tagIds", query.TagIds.ToArray());
        }
        if (query.AuthorIds.Count > 0)
        {
            where.Add($"a.id in (select b.article_id from bylines b where {dialect.InList("b.user_id", "authorIds")})");
            parameters.Add("authorIds", query.AuthorIds.ToArray());
        }
        AddIds(where, parameters, "a.id", query.Include, query.Exclude);
        if (query.Slugs.Count > 0)
        {
            where.Add(dialect.InList("a.slug", "slugs"));
            parameters.Add("slugs", query.Slugs.ToArray());
        }
        if (query.ParentIds.Count > 0)
        {
            // WordPress's parent 0 is the top level.
            where.Add($"({dialect.InList("a.parent_id", "parentIds")}{(query.ParentIds.Contains(0) ? " or a.parent_id is null" : "")})");
            parameters.Add("parentIds", query.ParentIds.ToArray());
        }
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            where.Add("(lower(a.title) like @search escape '\\' or lower(a.summary) like @search escape '\\' or lower(a.body_html) like @search escape '\\')");
            parameters.Add("search", Like(query.Search));
        }
        if (query.Before is { } before)
        {
            where.Add("a.published_at < @before");
            parameters.Add("before", before);
        }
        if (query.After is { } after)
        {
            where.Add("a.published_at > @after");
            parameters.Add("after", after);
        }
        var direction = query.Descending ? "desc" : "asc";
        var order = query.OrderBy switch
        {
            PublicOrder.Modified => $"a.updated_at {direction}, a.id {direction}",
            PublicOrder.Id or PublicOrder.Include => $"a.id {direction}",
            PublicOrder.Title => $"a.title {direction}, a.id {direction}",
            PublicOrder.Slug => $"a.slug {direction}, a.id {direction}",
            _ => $"a.published_at {direction}, a.id {direction}",
        };
        var filter = string.Join(" and ", where);
        await using var connection = await database.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            StoredTotal(query, parameters) ?? $"select count(*) from articles a where {filter}", parameters, cancellationToken: cancellationToken));
        var paged = query.OrderBy != PublicOrder.Include;
        if (paged)
        {
            parameters.Add("limit", query.PerPage);
            parameters.Add("offset", (query.Page - 1) * query.PerPage);
        }
        var rows = (await connection.QueryAsync<Article>(new CommandDefinition(
            $"select {ArticleStore.Columns} from articles a where {filter} order by {order} {(paged ? "limit @limit offset @offset" : "")}",
            parameters, cancellationToken: cancellationToken))).AsList();
        if (!paged)
        {
            rows = [.. InIncludeOrder(rows, row => row.Id, query.Include, query.Page, query.PerPage)];
        }
        return new PublicResults<PublicArticle>(await catalog.CompleteAsync(connection, rows, cancellationToken), total);
    }

    /// <summary>The query reading the stored count that is this query's total, or null when only counting the rows can tell.</summary>
    private static string? StoredTotal(PublicArticleQuery query, DynamicParameters parameters)
    {
        var unfiltered = string.IsNullOrWhiteSpace(query.Search) && query.AuthorIds.Count == 0 && query.Include.Count == 0 && query.Exclude.Count == 0
            && query.Slugs.Count == 0 && query.ParentIds.Count == 0 && query.Before is null && query.After is null;
        switch (unfiltered, query.SectionIds, query.TagIds)
        {
            case (true, [], []):
                return "select published from article_totals where kind = @kind";
            case (true, [var sectionId], []) when query.Kind == ArticleKind.Article:
                parameters.Add("storedTerm", sectionId);
                return "select article_count from sections where id = @storedTerm";
            case (true, [], [var tagId]) when query.Kind == ArticleKind.Article:
                parameters.Add("storedTerm", tagId);
                return "select article_count from tags where id = @storedTerm";
            default:
                return null;
        }
    }

    public async Task<PublicResults<CountedTerm>> TermsAsync(PublicTermQuery query, CancellationToken cancellationToken)
    {
        var (table, links, path) = query.Kind == PublicTermKind.Section
            ? ("article_sections", "section_id", (Func<string, string>)Permalinks.Section)
            : ("article_tags", "tag_id", Permalinks.Tag);
        var terms = query.Kind == PublicTermKind.Section ? "sections" : "tags";
        var parameters = new DynamicParameters(new { now = time.GetUtcNow() });
        var where = new List<string> { "1 = 1" };
        AddIds(where, parameters, "c.id", query.Include, query.Exclude);
        if (query.Slugs.Count > 0)
        {
            where.Add(database.Dialect.InList("c.slug", "slugs"));
            parameters.Add("slugs", query.Slugs.ToArray());
        }
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            where.Add("(lower(c.name) like @search escape '\\' or lower(c.slug) like @search escape '\\')");
            parameters.Add("search", Like(query.Search));
        }
        if (query.ArticleId is { } articleId)
        {
            where.Add($"c.id in (select x.{links} from {table} x join articles a on a.id = x.article_id where x.article_id = @articleId and {Visible})");
            parameters.Add("articleId", articleId);
        }
        if (query.ParentIds.Count > 0)
        {
            // WordPress's parent 0 is the top level; a tag has no parent, so it is at the top.
            where.Add($"({database.Dialect.InList("coalesce(c.parent_id, 0)", "parentIds")})");
            parameters.Add("parentIds", query.ParentIds.ToArray());
        }
        if (query.HideEmpty)
        {
            where.Add("c.public_count > 0");
        }
        var direction = query.Descending ? "desc" : "asc";
        var order = query.OrderBy switch
        {
            PublicOrder.Id or PublicOrder.Include => $"c.id {direction}",
            PublicOrder.Slug => $"c.slug {direction}",
            PublicOrder.Count => $"c.public_count {direction}, c.id {direction}",
            _ => $"c.name {direction}, c.id {direction}",
        };
        var counted = $"""
            (select s.id, s.slug, s.name, s.description, {(query.Kind == PublicTermKind.Section ? "s.parent_id" : "cast(null as bigint)")} as parent_id,
                    s.article_count as public_count
             from {terms} s) c
            """;
        var filter = string.Join(" and ", where);
        await using var connection = await database.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            $"select count(*) from {counted} where {filter}", parameters, cancellationToken: cancellationToken));
        var paged = query.OrderBy != PublicOrder.Include;
        if (paged)
        {
            parameters.Add("limit", query.PerPage);
            parameters.Add("offset", (query.Page - 1) * query.PerPage);
        }
        var rows = (await connection.QueryAsync<TermRow>(new CommandDefinition(
            $"select c.id, c.slug, c.name, c.description, c.parent_id, c.public_count from {counted} where {filter} order by {order} {(paged ? "limit @limit offset @offset" : "")}",
            parameters, cancellationToken: cancellationToken))).AsList();
        if (!paged)
        {
            rows = [.. InIncludeOrder(rows, row => row.Id, query.Include, query.Page, query.PerPage)];
        }
        return new PublicResults<CountedTerm>(
            [.. rows.Select(row => new CountedTerm(new PublicTerm(row.Id, row.Slug, row.Name, row.Description, path(row.Slug), row.ParentId), (int)row.PublicCount))],
            total);
    }

    public async Task<CountedTerm?> FindTermAsync(PublicTermKind kind, long id, CancellationToken cancellationToken) =>
        (await TermsAsync(new PublicTermQuery(kind, 1, 1) { Include = [id] }, cancellationToken)).Items.SingleOrDefault();

    public async Task<IReadOnlyList<long>> BylineMemberIdsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<long>(new CommandDefinition(
            $"select distinct b.user_id from bylines b join articles a on a.id = b.article_id where b.user_id is not null and {Visible} order by b.user_id",
            new { now = time.GetUtcNow() }, cancellationToken: cancellationToken))).AsList();
    }

    public async Task<IReadOnlyList<long>> HiddenDiscussedIdsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<long>(new CommandDefinition(
            $"select a.id from articles a where {Hidden} and a.comment_count > 0",
            HiddenParameters, cancellationToken: cancellationToken))).AsList();
    }

    public async Task<int> PublicCommentTotalAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            $"select (select coalesce(sum(approved), 0) from comment_totals) - (select coalesce(sum(a.comment_count), 0) from articles a where {Hidden})",
            HiddenParameters, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Not <see cref="Visible"/>, said so that the listing index (kind, status, published_at)
    /// finds the few hidden rows: a "not" over the visible rule read every article.
    /// </summary>
    private const string Hidden = $"""
        a.kind in ('article', 'page') and (a.status in ('draft', 'pending', 'scheduled', 'private', 'trash')
            or (a.status = 'published' and a.published_at > @now))
        """;

    private object HiddenParameters => new { now = time.GetUtcNow() };

    private void AddIds(List<string> where, DynamicParameters parameters, string column, IReadOnlyList<long> include, IReadOnlyList<long> exclude)
    {
        if (include.Count > 0)
        {
            where.Add(database.Dialect.InList(column, "include"));
            parameters.Add("include", include.ToArray());
        }
        if (exclude.Count > 0)
        {
            where.Add($"not ({database.Dialect.InList(column, "exclude")})");
            parameters.Add("exclude", exclude.ToArray());
        }
    }

    /// <summary>The text anywhere, case aside, its own % and _ taken literally.</summary>
    private static string Like(string search) =>
        "%" + search.Trim().ToLowerInvariant().Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";

    private static IEnumerable<T> InIncludeOrder<T>(IEnumerable<T> rows, Func<T, long> id, IReadOnlyList<long> include, int page, int perPage)
    {
        var position = include.Select((value, index) => (value, index)).GroupBy(pair => pair.value).ToDictionary(group => group.Key, group => group.First().index);
        return rows.OrderBy(row => position.GetValueOrDefault(id(row), int.MaxValue)).Skip((page - 1) * perPage).Take(perPage);
    }

    private sealed class TermRow
    {
        public long Id { get; init; }
        public string Slug { get; init; } = "";
        public string Name { get; init; } = "";
        public string Description { get; init; } = "";
        public long? ParentId { get; init; }
        public long PublicCount { get; init; }
    }
}
