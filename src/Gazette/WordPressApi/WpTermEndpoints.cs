using Gazette.Articles.Contracts;

namespace Gazette.WordPressApi;

/// <summary><c>/wp/v2/categories</c> (Gazette's sections) and <c>/wp/v2/tags</c>, counted by their public articles.</summary>
public static class WpTermEndpoints
{
    public static readonly string[] QueryKeys =
        ["page", "per_page", "search", "slug", "include", "exclude", "orderby", "order", "hide_empty", "post", "parent", "context", "_fields", "_embed"];

    public static void Map(RouteGroupBuilder api)
    {
        foreach (var (collection, kind) in new[] { ("categories", PublicTermKind.Section), ("tags", PublicTermKind.Tag) })
        {
            api.MapGet($"/wp/v2/{collection}", (HttpContext http, IPublicArticleQueries queries) => ListAsync(WpRequest.Of(http), queries, kind));
            api.MapGet($"/wp/v2/{collection}/{{id:long}}", (HttpContext http, long id, IPublicArticleQueries queries) => OneAsync(WpRequest.Of(http), queries, kind, id));
        }
    }

    private static async Task<IResult> ListAsync(WpRequest request, IPublicArticleQueries queries, PublicTermKind kind)
    {
        if (request.RefusedContext("rest_forbidden_context", "Sorry, you are not allowed to edit terms in this taxonomy.") is { } refused)
        {
            return refused;
        }
        var query = request.Query;
        var orderBy = query.OneOf("orderby", "name", "id", "include", "name", "slug", "count");
        var post = query.Ids("post");
        // Tags have no hierarchy: parent is no parameter of theirs in WordPress, which ignores it there.
        var parents = kind == PublicTermKind.Section ? query.Ids("parent") : [];
        var termQuery = new PublicTermQuery(kind, query.Page(), query.PerPage())
        {
            Search = query.Text("search"),
            Include = query.Ids("include"),
            Exclude = query.Ids("exclude"),
            Slugs = query.Strings("slug"),
            ArticleId = post.Count > 0 ? post[0] : null,
            ParentIds = parents,
            HideEmpty = query.Flag("hide_empty", false),
            OrderBy = orderBy switch
            {
                "id" => PublicOrder.Id,
                "include" => PublicOrder.Include,
                "slug" => PublicOrder.Slug,
                "count" => PublicOrder.Count,
                _ => PublicOrder.Name,
            },
            Descending = query.OneOf("order", "asc", "asc", "desc") == "desc",
        };
        if (!query.IsValid)
        {
            return WpError.InvalidParams(query.Problems);
        }
        var found = await queries.TermsAsync(termQuery, request.Aborted);
        return request.Many(found.Items.Select(term => WpShapes.Term(term, kind, request.Links)), "terms", found.Total, termQuery.Page, termQuery.PerPage);
    }

    private static async Task<IResult> OneAsync(WpRequest request, IPublicArticleQueries queries, PublicTermKind kind, long id)
    {
        if (request.RefusedContext("rest_forbidden_context", "Sorry, you are not allowed to edit this term.") is { } refused)
        {
            return refused;
        }
        if (!request.Query.IsValid)
        {
            return WpError.InvalidParams(request.Query.Problems);
        }
        var term = await queries.FindTermAsync(kind, id, request.Aborted);
        return term is null
            ? WpError.Of("rest_term_invalid", "Term does not exist.", StatusCodes.Status404NotFound)
            : request.One(WpShapes.Term(term, kind, request.Links), "terms");
    }
}
