using Gazette.Caching;
using Gazette.Search.Contracts;
using System.Globalization;
using Gazette.Rendering;
using Gazette.Web;

namespace Gazette.Search;

/// <summary>
/// /search?q=…&amp;page=N: ranked results with highlighted snippets, ten a page.
/// Cached like other public pages but keyed by q and page only, for a minute
/// (decision 83); a query is cut to <see cref="SearchQuery.MaxInputLength"/>
/// characters and pages stop at the candidate cap, so a key stays small.
/// </summary>
public static class SearchPage
{
    public const string Path = "/search";
    public const int PageSize = 10;
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);


    public static void Map(RouteGroups groups) =>
        groups.Public.MapMethods(Path, [HttpMethods.Get, HttpMethods.Head], SearchAsync).WithName("Search")
            .CachedAs(groups.PublicPage(queryKeys: ["q", "page"], lifetime: Lifetime));

    private static async Task<IResult> SearchAsync(HttpContext context, SearchIndex index, PageRenderer pages, CancellationToken cancellationToken)
    {
        PageCache.Tag(context, ISiteSearch.CacheTag);
        var query = SearchQuery.Parse(context.Request.Query["q"].ToString());
        var pageText = context.Request.Query["page"].ToString();
        var page = 1;
        if (pageText.Length > 0 && (!int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1
            || page > SearchEngine.Candidates / PageSize))
        {
            return await pages.NotFoundAsync(cancellationToken);
        }
        var meta = new PageMeta($"Search | {pages.Site.Title}", $"Search {pages.Site.Title}.", pages.Absolute(context.Request, Path), NoIndex: true);
        if (query.IsEmpty)
        {
            var message = query.Text.Length == 0 ? "Type a word or two to search the site." : "Search for words or numbers: punctuation alone finds nothing.";
            return await RenderAsync(pages, meta, new SearchView(query.Text, message, 0, false, [], null, null), cancellationToken);
        }
        var hits = await index.SearchAsync(query, (page - 1) * PageSize, PageSize, cancellationToken);
        var results = hits.Rows.Select(hit => new SearchResultView(hit.Title, hit.Path,
            hit.PublishedAt.ToString("d MMMM yyyy", CultureInfo.InvariantCulture), SnippetPart.Split(hit.SnippetHtml))).ToList();
        var q = Uri.EscapeDataString(query.Text);
        var previous = page > 1 ? $"{Path}?q={q}" + (page > 2 ? $"&page={page - 1}" : "") : null;
        var next = page * PageSize < hits.Total ? $"{Path}?q={q}&page={page + 1}" : null;
        var empty = hits.Total == 0 ? "Nothing matched your search. Try fewer or different words." : "";
        var view = new SearchView(query.Text, empty, hits.Total, hits.Total >= SearchEngine.Candidates, results, previous, next);
        return await RenderAsync(pages, meta, view, cancellationToken);
    }

    private static Task<IResult> RenderAsync(PageRenderer pages, PageMeta meta, SearchView view, CancellationToken cancellationToken) =>
        pages.RenderAsync("search", meta, new Dictionary<string, object?> { ["search"] = view }, cancellationToken: cancellationToken);
}
