using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Dapper;

namespace Gazette.Search;

/// <summary>
/// A 'simple' tsvector with a GIN index, ranked over the newest candidates by
/// bm25 as FTS5 computes it (decision 94: k1 = 1.2, b = 0.75, the length of a
/// row in tokens over the index's average, a term's rarity over the whole
/// index, counted once per term in ten minutes), with each term's count in a row recovered from ts_rank;
/// ts_headline runs on the shown rows only.
/// </summary>
public sealed class PostgresSearchEngine : SearchEngine
{
    /// <summary>How long a term's count of matching documents is reused: it moves slowly, and counting a word in most of 100,000 articles takes 0.5 to 0.9 s.</summary>
    private static readonly TimeSpan MatchesLifetime = TimeSpan.FromMinutes(10);

    /// <summary>Reader queries choose the terms: past this many the counts are forgotten, so memory stays bounded.</summary>
    private const int MaxCountedTerms = 10_000;

    private readonly ConcurrentDictionary<string, (long Matches, DateTime At)> _matches = new(StringComparer.Ordinal);

    /// <summary>A tsvector position is at most 16383 and a lexeme keeps at most 256 of them.</summary>
    private const int MaxPosition = 16383;
    private const int MaxPositions = 256;

    public override Task UpsertAsync(DbConnection connection, SearchDocument document, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            with old as (select tokens from search_documents where article_id = @ArticleId),
            written as (
                insert into search_documents (article_id, path, title, published_at, body, tokens, document)
                values (@ArticleId, @Path, @Title, @PublishedAt, @Body, @Tokens, to_tsvector('simple', @Body) || @CjkVector::tsvector)
                on conflict (article_id) do update set path = excluded.path, title = excluded.title, published_at = excluded.published_at,
                    body = excluded.body, tokens = excluded.tokens, document = excluded.document)
            update search_build set documents = documents + 1 - (select count(*) from old),
                tokens = tokens + @Tokens - coalesce((select sum(tokens) from old), 0)
            where id = 1
            """,
            new { document.ArticleId, document.Path, document.Title, document.PublishedAt, document.Body, document.Tokens, CjkVector = CjkVector(document.Cjk) },
            cancellationToken: cancellationToken));

    public override Task DeleteAsync(DbConnection connection, long articleId, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            with gone as (delete from search_documents where article_id = @articleId returning tokens)
            update search_build set documents = documents - (select count(*) from gone),
                tokens = tokens - coalesce((select sum(tokens) from gone), 0)
            where id = 1
            """,
            new { articleId }, cancellationToken: cancellationToken));

    public override Task ClearAsync(DbConnection connection, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "delete from search_documents; update search_build set documents = 0, tokens = 0 where id = 1;", cancellationToken: cancellationToken));

    public override async Task<SearchHits> SearchAsync(DbConnection connection, SearchQuery query, int offset, int limit, CancellationToken cancellationToken)
    {
        var tsquery = query.ToTsQuery();
        var terms = query.ToTsQueryTerms().ToArray();
        var total = await connection.QuerySingleAsync<int>(new CommandDefinition(
            "select count(*) from (select 1 from search_documents where document @@ @tsquery::tsquery limit @candidates) c",
            new { tsquery, candidates = Candidates }, cancellationToken: cancellationToken));
        if (total == 0)
        {
            return new SearchHits([], 0);
        }
        var rows = await connection.QueryAsync<SearchHit>(new CommandDefinition(
            $"""
            with terms as (
                select t.term::tsquery as term, greatest(1e-6, ln(greatest(b.documents - t.matches + 0.5, 0.5) / (t.matches + 0.5))) as idf
                from unnest(@terms, @matches) as t(term, matches) cross join search_build b
                where b.id = 1),
            candidates as (
                select article_id, tokens, document from search_documents where document @@ @tsquery::tsquery
                order by article_id desc limit @candidates),
            ranked as (
                select c.article_id, sum(t.idf * f.tf * 2.2 / (f.tf + 1.2 * (0.25 + 0.75 * c.tokens / greatest(b.tokens::float8 / b.documents, 1)))) as rank
                from candidates c cross join terms t cross join search_build b
                cross join lateral (select ts_rank(c.document, t.term, 0) / {RankOfOne} as h) r
                cross join lateral (select case when r.h < {Zeta2} then round(1 / ({Zeta2} - r.h) - 0.5) else r.h end as tf) f
                where b.id = 1
                group by c.article_id),
            shown as (
                select article_id, rank from ranked order by rank desc, article_id desc limit @limit offset @offset)
            select d.article_id as ArticleId, d.path as Path, d.title as Title, d.published_at as PublishedAt,
                   ts_headline('simple', d.body, @tsquery::tsquery,
                       'StartSel=' || @start || ', StopSel=' || @end || @fragment) as SnippetHtml
            from shown join search_documents d using (article_id)
            order by shown.rank desc, d.article_id desc
            """,
            new
            {
                tsquery,
                terms,
                matches = await MatchesAsync(connection, terms, cancellationToken),
                candidates = Candidates,
                limit,
                offset,
                start = MarkStart,
                end = MarkEnd,
                fragment = query.CjkTokens.Count > 0 ? ", HighlightAll=true" : ", MaxWords=30, MinWords=12",
            },
            cancellationToken: cancellationToken));
        return new SearchHits(rows.AsList(), total);
    }

    /// <summary>
    /// ts_rank of a term that occurs once (0.1, the default weight, over
    /// π²/6), and π²/6: ts_rank sums 1/n² over a term's n occurrences, so
    /// n = round(1 / (π²/6 − h) − ½) recovers the count from h = ts_rank / RankOfOne.
    /// A prefix matching several words gives h ≥ π²/6, taken as the count itself.
    /// </summary>
    private const string RankOfOne = "0.0607927";
    private const string Zeta2 = "1.6449341";

    /// <summary>How many documents each term matches, for its rarity (bm25's idf): counted, or reused from the last ten minutes.</summary>
    private async Task<long[]> MatchesAsync(DbConnection connection, string[] terms, CancellationToken cancellationToken)
    {
        var matches = new long[terms.Length];
        for (var i = 0; i < terms.Length; i++)
        {
            if (!_matches.TryGetValue(terms[i], out var known) || DateTime.UtcNow - known.At > MatchesLifetime)
            {
                known = (await connection.QuerySingleAsync<long>(new CommandDefinition(
                    "select count(*) from search_documents where document @@ @term::tsquery", new { term = terms[i] }, cancellationToken: cancellationToken)), DateTime.UtcNow);
                if (_matches.Count >= MaxCountedTerms)
                {
                    _matches.Clear();
                }
                _matches[terms[i]] = known;
            }
            matches[i] = known.Matches;
        }
        return matches;
    }

    /// <summary>The CJK shadow as a tsvector literal with positions (no parser, so no locale), so ts_rank counts a pair's occurrences as FTS5 does.</summary>
    public static string CjkVector(string cjk)
    {
        if (cjk.Length == 0)
        {
            return "";
        }
        var positions = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var tokens = cjk.Split(' ');
        for (var i = 0; i < tokens.Length; i++)
        {
            if (!positions.TryGetValue(tokens[i], out var list))
            {
                positions[tokens[i]] = list = [];
            }
            if (list.Count < MaxPositions && i < MaxPosition)
            {
                list.Add(i + 1);
            }
        }
        var vector = new StringBuilder();
        foreach (var (token, list) in positions)
        {
            vector.Append(vector.Length == 0 ? "" : " ").Append('\'').Append(token).Append('\'');
            if (list.Count > 0)
            {
                vector.Append(':').AppendJoin(',', list.Select(p => p.ToString(CultureInfo.InvariantCulture)));
            }
        }
        return vector.ToString();
    }
}
