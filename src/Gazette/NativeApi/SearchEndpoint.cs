using System.ComponentModel;
using Gazette.Caching;
using Gazette.Rendering;
using Gazette.Search.Contracts;

namespace Gazette.NativeApi;

[Description("One ranked match.")]
public sealed record SearchResult(
    [property: Description("The article's id.")] long Id,
    [property: Description("The headline, as plain text.")] string Title,
    [property: Description("The article's address.")] string Url,
    [property: Description("When it was published.")] DateTimeOffset PublishedAt,
    [property: Description("The text around the match: HTML with the reader's text escaped and the matched words in <mark>.")] string SnippetHtml);

[Description("A page of search results, best first.")]
public sealed record SearchResults(
    [property: Description("The words searched for, as read (cut to 200 characters).")] string Query,
    [property: Description("This page's number, from 1.")] int Page,
    [property: Description("Results a page.")] int PerPage,
    [property: Description("How many matched in all.")] int Total,
    [property: Description("True when Total stopped at the most Gazette ranks (1,000): more may match.")] bool TotalCapped,
    IReadOnlyList<SearchResult> Results);

/// <summary><c>GET /api/v1/search?q=&amp;page=&amp;perPage=</c>: the search page's ranked results and snippets, as JSON.</summary>
public static class SearchEndpoint
{
    public const int DefaultPerPage = 10;
    public const int MaxPerPage = 50;

    public static readonly string[] QueryKeys = ["q", "page", "perPage"];

    public static void Map(RouteGroupBuilder reads) =>
        reads.MapGet("/search", SearchAsync)
            .WithName("ApiSearch")
            .WithTags("Search")
            .WithSummary("Search the site")
            .WithDescription("Public articles and pages matching every word of q, ranked, with a highlighted snippet each; the same results as the site's search page.")
            .Produces<SearchResults>()
            .ProducesValidationProblem()
            .AddOpenApiOperationTransformer(PagingParameters.Describe(DefaultPerPage, MaxPerPage))
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    private static async Task<IResult> SearchAsync(
        HttpContext context, ISiteSearch search, PageRenderer pages,
        [Description("The words to look for (letters and digits; punctuation separates words). Required.")] string? q,
        [Description("The page of results, from 1.")] string? page,
        [Description("Results a page, from 1 to 50; 10 unless given.")] string? perPage,
        CancellationToken cancellationToken)
    {
        var check = new QueryCheck();
        var size = check.Number(perPage, "perPage", DefaultPerPage, 1, MaxPerPage);
        var number = check.Number(page, "page", 1, 1, Math.Max(1, search.MaxResults / size));
        if (string.IsNullOrWhiteSpace(q))
        {
            check.Fail("q", "q is required: the words to search for.");
        }
        if (!check.IsValid)
        {
            return ApiProblems.Invalid(check.Errors);
        }
        PageCache.Tag(context, ISiteSearch.CacheTag);
        var results = await search.SearchAsync(q!, (number - 1) * size, size, cancellationToken);
        if (results is null)
        {
            check.Fail("q", "q needs a word or a number: punctuation alone finds nothing.");
            return ApiProblems.Invalid(check.Errors);
        }
        if (number > 1 && (number - 1) * size >= results.Total)
        {
            var last = Math.Max(1, (results.Total + size - 1) / size);
            check.Fail("page", $"page is a whole number from 1 to {last}: the results fill {last} page(s).");
            return ApiProblems.Invalid(check.Errors);
        }
        return Results.Ok(new SearchResults(results.Query, number, size, results.Total, results.Capped,
            [.. results.Hits.Select(hit => new SearchResult(hit.ArticleId, hit.Title, pages.Absolute(context.Request, hit.Path), hit.PublishedAt, hit.SnippetHtml))]));
    }
}
