using System.Text.Unicode;
using System.Text.Encodings.Web;
using Gazette.Search.Contracts;

namespace Gazette.Search;

/// <summary>The index, offered to other features with the search page's parsing and cap.</summary>
public sealed class SiteSearch(SearchIndex index) : ISiteSearch
{
    /// <summary>Encodes only what HTML needs, so a Chinese snippet stays readable text.</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

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
            [.. hits.Rows.Select(hit => new SiteSearchHit(hit.ArticleId, hit.Path, hit.Title, hit.PublishedAt, Html(hit.SnippetHtml)))],
            hits.Total, hits.Total >= SearchEngine.Candidates);
    }

    /// <summary>The engine's marked text as HTML: every stretch encoded, the marked ones in &lt;mark&gt;, as the search page's template writes it.</summary>
    private static string Html(string snippet) =>
        string.Concat(SnippetPart.Split(snippet.ReplaceLineEndings(" ")).Select(part =>
            part.Mark ? $"<mark>{Encoder.Encode(part.Text)}</mark>" : Encoder.Encode(part.Text)));
}
