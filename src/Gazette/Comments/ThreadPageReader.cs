using Dapper;
using Gazette.Storage;

namespace Gazette.Comments;

/// <summary>
/// Reads one comment page of an article's discussion and no more, so a page
/// costs the same with 50 comments or 10,000: its top-level comments through
/// the <c>comments_thread</c> index in the page's order, then only their
/// replies through <c>comments_replies</c>. A top-level comment is an approved
/// one whose parent is not an approved comment of the article (none, or
/// pending, spam, deleted): a reply to a hidden comment shows at the top level
/// rather than being lost.
/// </summary>
public sealed class ThreadPageReader(Database database)
{
    private const string Columns = "c.id, c.article_id, c.parent_id, c.author_name, c.author_url, c.body_html, c.status, c.created_at, c.user_id is not null as staff";

    private const string TopLevel =
        """
        c.article_id = @articleId and c.status = 'approved'
        and not exists (select 1 from comments p where p.id = c.parent_id and p.article_id = c.article_id and p.status = 'approved')
        """;

    /// <summary>Top-level comments from <paramref name="offset"/> in the page order (oldest or newest first).</summary>
    public async Task<IReadOnlyList<PublicComment>> TopLevelAsync(long articleId, bool oldestFirst, int offset, int limit, CancellationToken cancellationToken = default)
    {
        var direction = oldestFirst ? "asc" : "desc";
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PublicComment>(new CommandDefinition(
            $"select {Columns} from comments c where {TopLevel} order by c.created_at {direction}, c.id {direction} limit @limit offset @offset",
            new { articleId, offset, limit }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>
    /// The approved replies, at any depth, under the given top-level comments, oldest first.
    /// The cross joins fix SQLite's join order (PostgreSQL plans them as any join): left
    /// to choose, SQLite 3.53 walked the article's approved comments at each step of the
    /// thread and read the replies by scanning every comment of the site against a
    /// Bloom filter, most of a comment page's time and growing with the site.
    /// </summary>
    public async Task<IReadOnlyList<PublicComment>> RepliesAsync(long articleId, IReadOnlyList<long> topLevelIds, CancellationToken cancellationToken = default)
    {
        if (topLevelIds.Count == 0)
        {
            return [];
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PublicComment>(new CommandDefinition(
            $"""
            with recursive thread (id) as (
                select id from comments where {database.Dialect.InList("parent_id", "topLevelIds")} and article_id = @articleId and status = 'approved'
                union all
                select c.id from thread t cross join comments c where c.parent_id = t.id and c.article_id = @articleId and c.status = 'approved')
            select {Columns} from thread t cross join comments c where c.id = t.id
            order by c.created_at, c.id
            """,
            new { articleId, topLevelIds = topLevelIds.ToArray() }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>
    /// The top of the thread of approved comments above <paramref name="parentId"/>
    /// (itself when its parent is not shown), or null when that parent is not an
    /// approved comment of the article: then a reply to it shows at the top level.
    /// </summary>
    public async Task<long?> ThreadTopAsync(long articleId, long parentId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            with recursive ancestors (id, parent_id, depth) as (
                select id, parent_id, 0 from comments where id = @parentId and article_id = @articleId and status = 'approved'
                union all
                select p.id, p.parent_id, a.depth + 1 from comments p join ancestors a on p.id = a.parent_id
                where p.article_id = @articleId and p.status = 'approved')
            select id from ancestors order by depth desc limit 1
            """,
            new { articleId, parentId }, cancellationToken: cancellationToken));
    }

    /// <summary>How many top-level comments come before <paramref name="id"/>'s place in the page order (counted through the index).</summary>
    public async Task<int> TopLevelBeforeAsync(long articleId, bool oldestFirst, long id, CancellationToken cancellationToken = default)
    {
        var (before, tie) = oldestFirst ? ("<", "<=") : (">", ">=");
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            $"""
            select count(*) from comments c
            where {TopLevel}
              and c.created_at {tie} (select created_at from comments where id = @id)
              and (c.created_at {before} (select created_at from comments where id = @id) or c.id {before} @id)
            """,
            new { articleId, id }, cancellationToken: cancellationToken));
    }
}
