using System.Text;
using Dapper;
using Gazette.Articles.Contracts;
using Gazette.Storage;

namespace Gazette.Articles;

/// <summary>
/// The newsroom's article list: <paramref name="Status"/> null lists every
/// status but the trash (WordPress's "All"); <paramref name="Text"/> is looked
/// for in titles; pages count from 1.
/// </summary>
public sealed record ArticleQuery(
    string? Status = null,
    long? SectionId = null,
    long? AuthorId = null,
    string? Text = null,
    int Page = 1,
    int PageSize = 20,
    string Kind = ArticleKind.Article);

/// <summary>One line of the newsroom's lists.</summary>
public sealed record ArticleRow
{
    public long Id { get; init; }
    public required string Title { get; init; }
    public required string Slug { get; init; }
    public required string Status { get; init; }
    public long? AuthorId { get; init; }
    public string? Byline { get; init; }
    public string? SectionName { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public long? SubmittedBy { get; init; }
    public DateTimeOffset? SubmittedAt { get; init; }
    public int Version { get; init; }
    public int CommentCount { get; init; }

    /// <summary>The display name of <see cref="SubmittedBy"/>, filled in the review queue.</summary>
    public string? SubmittedByName { get; init; }
}

/// <summary>A page of the list, with the total for the pager.</summary>
public sealed record ArticleListPage(IReadOnlyList<ArticleRow> Rows, int Total, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>What the newsroom's list and dashboard read: every status, with filters, paging, counts per status and the queues.</summary>
public sealed class ArticleListing(Database database, IEnumerable<INewsroomNames> names)
{
    public const int MaxPageSize = 100;

    private const string RowColumns = """
        a.id, a.title, a.slug, a.status, a.author_id, a.published_at, a.updated_at, a.submitted_by, a.submitted_at, a.version, a.comment_count,
        (select b.name from bylines b where b.article_id = a.id order by b.position limit 1) as byline,
        (select s.name from article_sections x join sections s on s.id = x.section_id where x.article_id = a.id order by x.position limit 1) as section_name
        """;

    /// <summary>Articles matching the query, most recently changed first.</summary>
    public async Task<ArticleListPage> ListAsync(ArticleQuery query, CancellationToken cancellationToken = default)
    {
        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var page = Math.Max(1, query.Page);
        var (where, parameters) = Filter(query, withStatus: true);
        parameters.Add("limit", pageSize);
        parameters.Add("offset", (page - 1) * pageSize);
        await using var connection = await database.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            $"select count(*) from articles a where {where}", parameters, cancellationToken: cancellationToken));
        var rows = await connection.QueryAsync<ArticleRow>(new CommandDefinition(
            $"select {RowColumns} from articles a where {where} order by a.updated_at desc, a.id desc limit @limit offset @offset",
            parameters, cancellationToken: cancellationToken));
        return new ArticleListPage(rows.AsList(), total, page, pageSize);
    }

    /// <summary>How many articles each status has under the query's other filters (the list's tabs); every status is present.</summary>
    public async Task<IReadOnlyDictionary<string, int>> CountsAsync(ArticleQuery? query = null, CancellationToken cancellationToken = default)
    {
        var (where, parameters) = Filter(query ?? new ArticleQuery(), withStatus: false);
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Status, long Count)>(new CommandDefinition(
            $"select a.status, count(*) from articles a where {where} group by a.status", parameters, cancellationToken: cancellationToken));
        var counts = ArticleStatus.All.ToDictionary(status => status, _ => 0, StringComparer.Ordinal);
        foreach (var (status, count) in rows)
        {
            counts[status] = (int)count;
        }
        return counts;
    }

    /// <summary>The review queue: articles awaiting an editor, longest waiting first, with who submitted them and when.</summary>
    public async Task<IReadOnlyList<ArticleRow>> ReviewQueueAsync(int limit = 20, CancellationToken cancellationToken = default)
    {
        var rows = await RowsAsync("a.status = 'pending' order by a.submitted_at, a.id", limit, cancellationToken);
        var known = names.FirstOrDefault() is { } directory
            ? await directory.DisplayNamesAsync([.. rows.Select(row => row.SubmittedBy).OfType<long>()], cancellationToken)
            : new Dictionary<long, string>();
        return [.. rows.Select(row => row with { SubmittedByName = row.SubmittedBy is { } id ? known.GetValueOrDefault(id) : null })];
    }

    /// <summary>Scheduled articles, soonest first, with their times.</summary>
    public Task<IReadOnlyList<ArticleRow>> ScheduledAsync(int limit = 20, CancellationToken cancellationToken = default) =>
        RowsAsync("a.status = 'scheduled' order by a.published_at, a.id", limit, cancellationToken);

    /// <summary>The latest published articles, newest first.</summary>
    public Task<IReadOnlyList<ArticleRow>> LatestPublishedAsync(int limit = 10, CancellationToken cancellationToken = default) =>
        RowsAsync("a.status = 'published' order by a.published_at desc, a.id desc", limit, cancellationToken);

    private async Task<IReadOnlyList<ArticleRow>> RowsAsync(string whereAndOrder, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ArticleRow>(new CommandDefinition(
            $"select {RowColumns} from articles a where a.kind = 'article' and {whereAndOrder} limit @limit",
            new { limit = Math.Clamp(limit, 1, MaxPageSize) }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    private static (string Where, DynamicParameters Parameters) Filter(ArticleQuery query, bool withStatus)
    {
        var where = new StringBuilder("a.kind = @kind");
        var parameters = new DynamicParameters();
        parameters.Add("kind", query.Kind);
        if (withStatus)
        {
            if (query.Status is null)
            {
                where.Append(" and a.status <> 'trash'");
            }
            else
            {
                where.Append(" and a.status = @status");
                parameters.Add("status", query.Status);
            }
        }
        if (query.SectionId is { } sectionId)
        {
            where.Append(" and exists (select 1 from article_sections x where x.article_id = a.id and x.section_id = @sectionId)");
            parameters.Add("sectionId", sectionId);
        }
        if (query.AuthorId is { } authorId)
        {
            where.Append(" and a.author_id = @authorId");
            parameters.Add("authorId", authorId);
        }
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            // Both databases lower-case ASCII alike; the pattern's own % and _ are matched literally.
            where.Append(" and lower(a.title) like @text escape '\\'");
            var escaped = query.Text.Trim().ToLowerInvariant().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
            parameters.Add("text", "%" + escaped + "%");
        }
        return (where.ToString(), parameters);
    }
}
