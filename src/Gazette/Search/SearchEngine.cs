using System.Data.Common;

namespace Gazette.Search;

/// <summary>One page of ranked hits and how many matched (at most <see cref="SearchEngine.Candidates"/>).</summary>
public sealed record SearchHits(IReadOnlyList<SearchHit> Rows, int Total);

/// <summary>A shown result: the snippet has reader text HTML-escaped, with only the highlight marks as markup.</summary>
public sealed record SearchHit(long ArticleId, string Path, string Title, DateTimeOffset PublishedAt, string SnippetHtml);

/// <summary>
/// The few statements in which FTS5 and PostgreSQL's full text search differ;
/// everything else (what is indexed, the query's terms, the page) is shared.
/// Ranking reads only the newest <see cref="Candidates"/> matches (decision 81):
/// a term in half of 100,000 articles ranks 1,000 rows, not 50,000.
/// </summary>
public abstract class SearchEngine
{
    public const int Candidates = 1000;

    /// <summary>Snippet marks: control characters no reader text keeps, swapped for &lt;mark&gt; after escaping.</summary>
    public const string MarkStart = "\u0002";
    public const string MarkEnd = "\u0003";

    public abstract Task UpsertAsync(DbConnection connection, SearchDocument document, CancellationToken cancellationToken);

    public abstract Task DeleteAsync(DbConnection connection, long articleId, CancellationToken cancellationToken);

    public abstract Task ClearAsync(DbConnection connection, CancellationToken cancellationToken);

    public abstract Task<SearchHits> SearchAsync(DbConnection connection, SearchQuery query, int offset, int limit, CancellationToken cancellationToken);
}
