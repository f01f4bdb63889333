using Dapper;
using Gazette.Comments.Contracts;
using Gazette.Storage;

namespace Gazette.Comments;

/// <summary>
/// <see cref="IPublicComments"/>: approved comments only, read without their
/// commenter's email. Moderators' lists (<see cref="CommentWriteService"/>) ask
/// the same query for other statuses.
/// </summary>
public sealed class PublicCommentReader(Database database) : IPublicComments
{
    public Task<(IReadOnlyList<ListedComment> Items, int Total)> QueryAsync(PublicCommentQuery query, CancellationToken cancellationToken) =>
        QueryAsync(query, [CommentStatus.Approved], cancellationToken);

    public async Task<(IReadOnlyList<ListedComment> Items, int Total)> QueryAsync(PublicCommentQuery query, IReadOnlyList<string> statuses, CancellationToken cancellationToken)
    {
        var dialect = database.Dialect;
        var parameters = new DynamicParameters();
        var where = new List<string> { dialect.InList("c.status", "statuses") };
        parameters.Add("statuses", statuses.ToArray());
        void Ids(string column, string name, IReadOnlyList<long> ids, bool not)
        {
            if (ids.Count > 0)
            {
                where.Add(not ? $"not ({dialect.InList(column, name)})" : dialect.InList(column, name));
                parameters.Add(name, ids.ToArray());
            }
        }
        Ids("c.article_id", "articleIds", query.ArticleIds, false);
        Ids("c.article_id", "hidden", query.HiddenArticleIds, true);
        Ids("c.id", "include", query.Include, false);
        Ids("c.id", "exclude", query.Exclude, true);
        if (query.ParentIds.Count > 0)
        {
            // WordPress's parent 0 is a comment that answers none.
            where.Add($"({dialect.InList("c.parent_id", "parentIds")}{(query.ParentIds.Contains(0) ? " or c.parent_id is null" : "")})");
            parameters.Add("parentIds", query.ParentIds.ToArray());
        }
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            where.Add("(lower(c.author_name) like @search escape '\\' or lower(c.body_html) like @search escape '\\')");
            parameters.Add("search", "%" + query.Search.Trim().ToLowerInvariant().Replace("\\", "\\\\", StringComparison.Ordinal)
                .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%");
        }
        if (query.Before is { } before)
        {
            where.Add("c.created_at < @before");
            parameters.Add("before", before);
        }
        if (query.After is { } after)
        {
            where.Add("c.created_at > @after");
            parameters.Add("after", after);
        }
        var direction = query.Descending ? "desc" : "asc";
        var order = query.OrderBy switch
        {
            PublicCommentOrder.Id or PublicCommentOrder.Include => $"c.id {direction}",
            PublicCommentOrder.Article => $"c.article_id {direction}, c.id {direction}",
            PublicCommentOrder.Parent => $"coalesce(c.parent_id, 0) {direction}, c.id {direction}",
            _ => $"c.created_at {direction}, c.id {direction}",
        };
        var filter = string.Join(" and ", where);
        await using var connection = await database.OpenAsync(cancellationToken);
        var total = query.KnownTotal ?? await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            $"select count(*) from comments c where {filter}", parameters, cancellationToken: cancellationToken));
        var paged = query.OrderBy != PublicCommentOrder.Include;
        if (paged)
        {
            parameters.Add("limit", query.PerPage);
            parameters.Add("offset", (query.Page - 1) * query.PerPage);
        }
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition(
            $"select c.id, c.article_id, c.parent_id, c.author_name, c.author_url, c.body_html, c.created_at from comments c where {filter} order by {order} {(paged ? "limit @limit offset @offset" : "")}",
            parameters, cancellationToken: cancellationToken))).AsEnumerable();
        if (!paged)
        {
            var position = query.Include.Select((id, index) => (id, index)).DistinctBy(pair => pair.id).ToDictionary(pair => pair.id, pair => pair.index);
            rows = rows.OrderBy(row => position.GetValueOrDefault(row.Id, int.MaxValue)).Skip((query.Page - 1) * query.PerPage).Take(query.PerPage);
        }
        return ([.. rows.Select(row => new ListedComment(row.Id, row.ArticleId, row.ParentId, row.AuthorName, row.AuthorUrl, row.BodyHtml, row.CreatedAt))], total);
    }

    private sealed class Row
    {
        public long Id { get; init; }
        public long ArticleId { get; init; }
        public long? ParentId { get; init; }
        public string AuthorName { get; init; } = "";
        public string AuthorUrl { get; init; } = "";
        public string BodyHtml { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
    }
}
