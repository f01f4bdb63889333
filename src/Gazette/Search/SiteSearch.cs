using Gazette.Search.Contracts;

namespace Gazette.Search;

/// <summary>The index, offered to other features with the search page's parsing and cap.</summary>
public sealed class SiteSearch(SearchIndex index) : ISiteSearch
{
    public int MaxResults => SearchEngine.Candidates;

    public async Task<SiteSearchResults?> SearchAsync(string text, int offset, int limit, CancellationToken cancellationToken)
    {
        var query = SearchQuery.Parse(text);
        if (query.IsEmpty)
        {
            return null;
        }
        var hits = await index.SearchAsync(query, offset, limit, cancellationToken);
        return new SiteSearchResults(query.Text,
            [.. hits.Rows.Select(hit => new SiteSearchHit(hit.ArticleId, hit.Path, hit.Title, hit.PublishedAt, hit.SnippetHtml))],
            hits.Total, hits.Total >= SearchEngine.Candidates);
    }
}
