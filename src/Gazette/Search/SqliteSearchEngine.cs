using System.Data.Common;
using Dapper;

namespace Gazette.Search;

/// <summary>FTS5, ranked by bm25; the candidates are the newest matches by rowid (the article id), which FTS5 reads in order without ranking them all.</summary>
public sealed class SqliteSearchEngine : SearchEngine
{
    public override async Task UpsertAsync(DbConnection connection, SearchDocument document, CancellationToken cancellationToken)
    {
        await DeleteAsync(connection, document.ArticleId, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            insert into search_index (rowid, body, cjk) values (@ArticleId, @Body, @Cjk);
            insert into search_documents (article_id, path, title, published_at) values (@ArticleId, @Path, @Title, @PublishedAt);
            """,
            document, cancellationToken: cancellationToken));
    }

    public override Task DeleteAsync(DbConnection connection, long articleId, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "delete from search_index where rowid = @articleId; delete from search_documents where article_id = @articleId;",
            new { articleId }, cancellationToken: cancellationToken));

    public override Task ClearAsync(DbConnection connection, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition("delete from search_index; delete from search_documents;", cancellationToken: cancellationToken));

    public override async Task<SearchHits> SearchAsync(DbConnection connection, SearchQuery query, int offset, int limit, CancellationToken cancellationToken)
    {
        var match = query.ToFts5();
        var floor = await connection.QuerySingleOrDefaultAsync<(long Floor, int Total)>(new CommandDefinition(
            "select coalesce(min(rowid), 0), count(*) from (select rowid from search_index where search_index match @match order by rowid desc limit @candidates)",
            new { match, candidates = Candidates }, cancellationToken: cancellationToken));
        // A page past the last match is not asked for: with no row, SQLite types the snippet column as a blob and Dapper cannot map it.
        if (offset >= floor.Total)
        {
            return new SearchHits([], floor.Total);
        }
        var snippet = query.CjkTokens.Count > 0 ? "highlight(search_index, 0, @start, @end)" : "snippet(search_index, 0, @start, @end, '…', 24)";
        var rows = await connection.QueryAsync<SearchHit>(new CommandDefinition(
            $"""
            select d.article_id as ArticleId, d.path as Path, d.title as Title, d.published_at as PublishedAt,
                   {snippet} as SnippetHtml
            from search_index join search_documents d on d.article_id = search_index.rowid
            where search_index match @match and search_index.rowid >= @floor
            order by bm25(search_index), search_index.rowid desc
            limit @limit offset @offset
            """,
            new { match, floor = floor.Floor, limit, offset, start = MarkStart, end = MarkEnd }, cancellationToken: cancellationToken));
        return new SearchHits(rows.AsList(), floor.Total);
    }
}
