using System.Data.Common;
using Dapper;

namespace Gazette.Search;

/// <summary>A 'simple' tsvector with a GIN index, ranked by ts_rank over the newest candidates; ts_headline runs on the shown rows only.</summary>
public sealed class PostgresSearchEngine : SearchEngine
{
    public override Task UpsertAsync(DbConnection connection, SearchDocument document, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            insert into search_documents (article_id, path, title, published_at, body, document)
            values (@ArticleId, @Path, @Title, @PublishedAt, @Body,
                    to_tsvector('simple', @Body) || coalesce(array_to_tsvector(string_to_array(nullif(@Cjk, ''), ' ')), ''::tsvector))
            on conflict (article_id) do update set path = excluded.path, title = excluded.title,
                published_at = excluded.published_at, body = excluded.body, document = excluded.document
            """,
            document, cancellationToken: cancellationToken));

    public override Task DeleteAsync(DbConnection connection, long articleId, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition("delete from search_documents where article_id = @articleId", new { articleId }, cancellationToken: cancellationToken));

    public override Task ClearAsync(DbConnection connection, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition("delete from search_documents", cancellationToken: cancellationToken));

    public override async Task<SearchHits> SearchAsync(DbConnection connection, SearchQuery query, int offset, int limit, CancellationToken cancellationToken)
    {
        var tsquery = query.ToTsQuery();
        var total = await connection.QuerySingleAsync<int>(new CommandDefinition(
            "select count(*) from (select 1 from search_documents where document @@ @tsquery::tsquery limit @candidates) c",
            new { tsquery, candidates = Candidates }, cancellationToken: cancellationToken));
        if (total == 0)
        {
            return new SearchHits([], 0);
        }
        var rows = await connection.QueryAsync<SearchHit>(new CommandDefinition(
            """
            with candidates as (
                select article_id, ts_rank(document, @tsquery::tsquery) as rank
                from search_documents where document @@ @tsquery::tsquery
                order by article_id desc limit @candidates),
            shown as (
                select article_id, rank from candidates order by rank desc, article_id desc limit @limit offset @offset)
            select d.article_id as ArticleId, d.path as Path, d.title as Title, d.published_at as PublishedAt,
                   ts_headline('simple', d.body, @tsquery::tsquery,
                       'StartSel=' || @start || ', StopSel=' || @end || ', MaxWords=30, MinWords=12') as SnippetHtml
            from shown join search_documents d using (article_id)
            order by shown.rank desc, d.article_id desc
            """,
            new { tsquery, candidates = Candidates, limit, offset, start = SearchEngine.MarkStart, end = SearchEngine.MarkEnd }, cancellationToken: cancellationToken));
        return new SearchHits(rows.AsList(), total);
    }
}
