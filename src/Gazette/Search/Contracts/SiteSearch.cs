namespace Gazette.Search.Contracts;

/// <summary>One ranked match: its snippet is HTML, the reader's text encoded and the matched words in <c>&lt;mark&gt;</c>.</summary>
public sealed record SiteSearchHit(long ArticleId, string Path, string Title, DateTimeOffset PublishedAt, string SnippetHtml);

/// <summary>A page of matches, how many matched in all, and whether that count stopped at the ranking's cap.</summary>
public sealed record SiteSearchResults(string Query, IReadOnlyList<SiteSearchHit> Hits, int Total, bool Capped);

/// <summary>The site's ranked search, as the search page shows it: only what the public may see. Implemented by Search.</summary>
public interface ISiteSearch
{
    /// <summary>Cached answers showing search results carry this tag: Search evicts them when its index changes.</summary>
    const string CacheTag = "search";

    /// <summary>At most this many matches are ranked (and counted).</summary>
    int MaxResults { get; }

    /// <summary>A page of matches for a reader's words; null when <paramref name="text"/> has no word to look for (punctuation alone).</summary>
    Task<SiteSearchResults?> SearchAsync(string text, int offset, int limit, CancellationToken cancellationToken);
}
