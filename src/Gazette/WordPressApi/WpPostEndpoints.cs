using System.Text.Json.Nodes;
using Gazette.Articles.Contracts;
using Gazette.Comments.Contracts;
using Gazette.Media.Contracts;
using Gazette.Web;

namespace Gazette.WordPressApi;

/// <summary>
/// <c>/wp/v2/posts</c> and <c>/wp/v2/pages</c>: Gazette's public articles and
/// pages, never a draft, a scheduled or embargoed story, or anything trashed
/// (Articles' one rule, through <see cref="IPublicArticleQueries"/>).
/// </summary>
public static class WpPostEndpoints
{
    public static readonly string[] QueryKeys =
        ["page", "per_page", "search", "categories", "tags", "author", "slug", "include", "exclude", "orderby", "order", "before", "after", "parent", "status", "context", "_fields", "_embed"];

    /// <summary>WordPress's <c>orderby</c> values for posts and pages ("relevance" needs a search).</summary>
    public static readonly string[] OrderNames = ["date", "modified", "id", "include", "relevance", "slug", "title"];

    public static PublicOrder Order(string? orderBy) => orderBy switch
    {
        "modified" => PublicOrder.Modified,
        "id" => PublicOrder.Id,
        "include" => PublicOrder.Include,
        "slug" => PublicOrder.Slug,
        "title" => PublicOrder.Title,
        _ => PublicOrder.Date,
    };

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/wp/v2/posts", (HttpContext http, IServiceProvider services) => ListAsync(WpRequest.Of(http), services, "article"));
        api.MapGet("/wp/v2/posts/{id:long}", (HttpContext http, long id, IServiceProvider services) => OneAsync(WpRequest.Of(http), services, "article", id));
        api.MapGet("/wp/v2/pages", (HttpContext http, IServiceProvider services) => ListAsync(WpRequest.Of(http), services, "page"));
        api.MapGet("/wp/v2/pages/{id:long}", (HttpContext http, long id, IServiceProvider services) => OneAsync(WpRequest.Of(http), services, "page", id));
    }

    private static string Collection(string kind) => kind == "page" ? "pages" : "posts";

    private static async Task<IResult> ListAsync(WpRequest request, IServiceProvider services, string kind)
    {
        if (WpPostDrafts.Asked(request) && await NewsroomUser.ApiCallerAsync(request.Http) is { } member)
        {
            return await WpPostDrafts.ListAsync(request, services.GetRequiredService<IArticleWrites>(), member, kind == "page");
        }
        if (request.RefusedContext("rest_forbidden_context", "Sorry, you are not allowed to edit posts in this post type.") is { } refused)
        {
            return refused;
        }
        var query = request.Query;
        var search = query.Text("search");
        var orderBy = query.OneOf("orderby", "date", WpPostEndpoints.OrderNames);
        var articleQuery = new PublicArticleQuery(kind, query.Page(), query.PerPage())
        {
            Search = search,
            SectionIds = kind == "page" ? [] : query.Ids("categories"),
            TagIds = kind == "page" ? [] : query.Ids("tags"),
            AuthorIds = query.Ids("author"),
            Include = query.Ids("include"),
            Exclude = query.Ids("exclude"),
            Slugs = query.Strings("slug"),
            ParentIds = kind == "page" ? query.Ids("parent") : [],
            Before = query.Date("before"),
            After = query.Date("after"),
            OrderBy = WpPostEndpoints.Order(orderBy),
            Descending = query.OneOf("order", "desc", "asc", "desc") == "desc",
        };
        if (query.Strings("status").Any(status => status != "publish"))
        {
            // WordPress names the reason inside its rest_invalid_param answer, with the status a sign-in would change.
            query.Refuse("status", "Status is forbidden.", "rest_forbidden_status");
        }
        if (!query.IsValid)
        {
            return WpError.InvalidParams(query.Problems);
        }
        if (orderBy == "relevance" && search is null)
        {
            return WpError.Of("rest_no_search_term_defined", "You need to define a search term to order by relevance.", StatusCodes.Status400BadRequest);
        }
        var found = await services.GetRequiredService<IPublicArticleQueries>().ArticlesAsync(articleQuery, request.Aborted);
        if (found.Total > 0 && (long)(articleQuery.Page - 1) * articleQuery.PerPage >= found.Total)
        {
            return WpError.InvalidPage("rest_post_invalid_page_number");
        }
        var items = await ShapeAsync(request, services, found.Items);
        return request.Many(items, Collection(kind), found.Total, articleQuery.Page, articleQuery.PerPage);
    }

    private static async Task<IResult> OneAsync(WpRequest request, IServiceProvider services, string kind, long id)
    {
        if (request.Context == "edit" && await NewsroomUser.ApiCallerAsync(request.Http) is { } caller)
        {
            return await WpPostWrites.EditContextAsync(request.Http, services.GetRequiredService<IArticleWrites>(), caller, kind == "page", id,
                ("rest_forbidden_context", "Sorry, you are not allowed to edit this post."));
        }
        if (request.RefusedContext("rest_forbidden_context", "Sorry, you are not allowed to edit this post.") is { } refused)
        {
            return refused;
        }
        if (!request.Query.IsValid)
        {
            return WpError.InvalidParams(request.Query.Problems);
        }
        var article = await services.GetRequiredService<IPublicArticles>().FindAsync(id, request.Aborted);
        if (article is null && request.Context == "view" && await NewsroomUser.ApiCallerAsync(request.Http) is { } member)
        {
            // A member reads their own draft as WordPress lets its editor: the one edit-shaped answer, never cached; to anyone else it does not exist.
            return await WpPostWrites.EditContextAsync(request.Http, services.GetRequiredService<IArticleWrites>(), member, kind == "page", id,
                ("rest_forbidden", "Sorry, you are not allowed to do that."));
        }
        if (article is null || article.Kind != kind)
        {
            return WpError.InvalidPostId();
        }
        return request.One((await ShapeAsync(request, services, [article]))[0], Collection(kind));
    }

    /// <summary>The articles in WordPress's shape, with what <c>_embed</c> asks for, a few queries for the whole page.</summary>
    private static async Task<IReadOnlyList<JsonObject>> ShapeAsync(WpRequest request, IServiceProvider services, IReadOnlyList<PublicArticle> articles)
    {
        var items = articles.Select(article => WpShapes.Post(article, request.Links, request.Time)).ToList();
        if (request.Embeds("author"))
        {
            var authors = await services.GetRequiredService<IAuthorDirectory>().FindAsync(
                [.. articles.Select(WpShapes.AuthorOf).Where(id => id != 0).Distinct()], request.Aborted);
            for (var i = 0; i < articles.Count; i++)
            {
                JsonNode embedded = authors.TryGetValue(WpShapes.AuthorOf(articles[i]), out var author)
                    ? WpShapes.Embedded(WpShapes.User(author, request.Links), "users")
                    : WpEmbeddedError("rest_user_invalid_id", "Invalid user ID.");
                Embedded(items[i])["author"] = new JsonArray(embedded);
            }
        }
        if (request.Embeds("wp:featuredmedia"))
        {
            var media = services.GetRequiredService<IMediaCatalog>();
            for (var i = 0; i < articles.Count; i++)
            {
                if (articles[i].FeaturedMediaId is { } mediaId)
                {
                    JsonNode embedded = await media.FindAsync(mediaId, request.Aborted) is { } image
                        ? WpShapes.Embedded(WpShapes.Media(image, request.Links, request.Time), "media")
                        : WpEmbeddedError("rest_post_invalid_id", "Invalid post ID.");
                    Embedded(items[i])["wp:featuredmedia"] = new JsonArray(embedded);
                }
            }
        }
        if (request.Embeds("wp:term"))
        {
            for (var i = 0; i < articles.Count; i++)
            {
                if (articles[i].Kind != "page")
                {
                    Embedded(items[i])["wp:term"] = new JsonArray(
                        Terms(articles[i].Sections, PublicTermKind.Section),
                        Terms(articles[i].Tags, PublicTermKind.Tag));
                }
            }
        }
        if (request.Embeds("replies"))
        {
            var comments = services.GetRequiredService<IPublicComments>();
            for (var i = 0; i < articles.Count; i++)
            {
                if (articles[i].CommentCount > 0)
                {
                    var (replies, _) = await comments.QueryAsync(new PublicCommentQuery(1, 10) { ArticleIds = [articles[i].Id] }, request.Aborted);
                    Embedded(items[i])["replies"] = new JsonArray(new JsonArray([.. replies.Select(reply =>
                        (JsonNode)WpShapes.Embedded(WpShapes.Comment(reply, articles[i].Path, request.Links, request.Time), "comments"))]));
                }
            }
        }
        return items;

        JsonArray Terms(IReadOnlyList<PublicTerm> terms, PublicTermKind kind) =>
            [.. terms.Select(term => (JsonNode)WpShapes.Embedded(WpShapes.Term(new CountedTerm(term, 0), kind, request.Links), "terms"))];
    }

    private static JsonObject Embedded(JsonObject item)
    {
        if (item["_embedded"] is not JsonObject embedded)
        {
            embedded = [];
            item["_embedded"] = embedded;
        }
        return embedded;
    }

    /// <summary>What WordPress embeds when a linked item cannot be read.</summary>
    private static JsonObject WpEmbeddedError(string code, string message) =>
        new() { ["code"] = code, ["message"] = message, ["data"] = new JsonObject { ["status"] = StatusCodes.Status404NotFound } };
}
