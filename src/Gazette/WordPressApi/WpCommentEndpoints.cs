using Gazette.Articles.Contracts;
using Gazette.Comments.Contracts;
using Gazette.Web;

namespace Gazette.WordPressApi;

/// <summary>
/// <c>/wp/v2/comments</c>: approved comments on public articles, by name and
/// sanitized HTML, never an email; in the edit context, for editors signed in
/// with an application password, any comment with its commenter's details
/// (<see cref="WpCommentEdit"/>). Writes are <see cref="WpCommentWrites"/>.
/// </summary>
public static class WpCommentEndpoints
{
    public static readonly string[] QueryKeys =
        ["page", "per_page", "search", "post", "parent", "include", "exclude", "orderby", "order", "before", "after", "status", "type", "context", "_fields", "_embed"];

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/wp/v2/comments", (HttpContext http, IServiceProvider services) => ListAsync(WpRequest.Of(http), services));
        api.MapGet("/wp/v2/comments/{id:long}", (HttpContext http, long id, IServiceProvider services) => OneAsync(WpRequest.Of(http), services, id));
    }

    private static async Task<IResult> ListAsync(WpRequest request, IServiceProvider services)
    {
        NewsroomUser? moderator = null;
        if (request.Context == "edit")
        {
            (moderator, var refused) = await WpCommentEdit.ModeratorAsync(request.Http, "Sorry, you are not allowed to edit comments.");
            if (refused is not null)
            {
                return refused;
            }
        }
        var query = request.Query;
        var orderBy = query.OneOf("orderby", "date_gmt", "date", "date_gmt", "id", "include", "post", "parent");
        var commentQuery = new PublicCommentQuery(query.Page(), query.PerPage())
        {
            ArticleIds = query.Ids("post"),
            ParentIds = query.Ids("parent"),
            Include = query.Ids("include"),
            Exclude = query.Ids("exclude"),
            Search = query.Text("search"),
            Before = query.Date("before"),
            After = query.Date("after"),
            OrderBy = orderBy switch
            {
                "id" => PublicCommentOrder.Id,
                "include" => PublicCommentOrder.Include,
                "post" => PublicCommentOrder.Article,
                "parent" => PublicCommentOrder.Parent,
                _ => PublicCommentOrder.Date,
            },
            Descending = query.OneOf("order", "desc", "asc", "desc") == "desc",
        };
        var statuses = WpCommentEdit.Statuses(query.Strings("status"));
        if (statuses is not [CommentStatus.Approved])
        {
            // Other statuses are the moderation queue's: editors only, as WordPress's moderate_comments.
            var caller = moderator ?? await NewsroomUser.ApiCallerAsync(request.Http);
            if (caller is not { CanModerate: true })
            {
                return WpError.Of("rest_forbidden_param", "Query parameter not permitted: status", caller is null ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden);
            }
            moderator = caller;
        }
        if (query.Strings("type").Any(type => type != "comment"))
        {
            query.Refuse("type", "type is not one of comment.");
        }
        if (!query.IsValid)
        {
            return WpError.InvalidParams(query.Problems);
        }
        if (moderator is not null && statuses is not [CommentStatus.Approved])
        {
            var (held, heldTotal) = await services.GetRequiredService<ICommentWrites>().ListAsync(moderator, commentQuery, statuses, request.Aborted);
            var shapes = new List<System.Text.Json.Nodes.JsonObject>();
            foreach (var comment in held)
            {
                shapes.Add(request.Context == "edit" ? await WpCommentEdit.EditAsync(comment, request, services) : await WpCommentEdit.ViewAsync(comment, request, services));
            }
            return request.Many(shapes, "comments", heldTotal, commentQuery.Page, commentQuery.PerPage);
        }
        var articleQueries = services.GetRequiredService<IPublicArticleQueries>();
        commentQuery = commentQuery with
        {
            HiddenArticleIds = await articleQueries.HiddenDiscussedIdsAsync(request.Aborted),
            KnownTotal = commentQuery.Unfiltered ? await articleQueries.PublicCommentTotalAsync(request.Aborted) : null,
        };
        var (comments, total) = await services.GetRequiredService<IPublicComments>().QueryAsync(commentQuery, request.Aborted);
        if (total > 0 && (long)(commentQuery.Page - 1) * commentQuery.PerPage >= total)
        {
            return WpError.InvalidPage("rest_comment_invalid_page_number");
        }
        if (moderator is not null)
        {
            return request.Many(await WpCommentEdit.EditManyAsync(moderator, comments, request, services), "comments", total, commentQuery.Page, commentQuery.PerPage);
        }
        var paths = await PathsAsync(services, comments, request.Aborted);
        return request.Many(comments.Select(comment => WpShapes.Comment(comment, paths.GetValueOrDefault(comment.ArticleId), request.Links, request.Time)),
            "comments", total, commentQuery.Page, commentQuery.PerPage);
    }

    private static async Task<IResult> OneAsync(WpRequest request, IServiceProvider services, long id)
    {
        if (!request.Query.IsValid)
        {
            return WpError.InvalidParams(request.Query.Problems);
        }
        if (request.Context == "edit")
        {
            var (moderator, refused) = await WpCommentEdit.ModeratorAsync(request.Http, "Sorry, you are not allowed to edit this comment.");
            if (refused is not null)
            {
                return refused;
            }
            var editable = await services.GetRequiredService<ICommentWrites>().FindAsync(moderator!, [id], request.Aborted);
            return editable.Count == 0
                ? WpError.Of("rest_comment_invalid_id", "Invalid comment ID.", StatusCodes.Status404NotFound)
                : request.One(await WpCommentEdit.EditAsync(editable[0], request, services), "comments");
        }
        var (found, _) = await services.GetRequiredService<IPublicComments>().QueryAsync(new PublicCommentQuery(1, 1) { Include = [id] }, request.Aborted);
        var article = found.Count == 0 ? null : await services.GetRequiredService<IPublicArticles>().FindAsync(found[0].ArticleId, request.Aborted);
        return article is null
            ? WpError.Of("rest_comment_invalid_id", "Invalid comment ID.", StatusCodes.Status404NotFound)
            : request.One(WpShapes.Comment(found[0], article.Path, request.Links, request.Time), "comments");
    }

    private static async Task<IReadOnlyDictionary<long, string>> PathsAsync(IServiceProvider services, IReadOnlyList<ListedComment> comments, CancellationToken cancellationToken) =>
        (await services.GetRequiredService<IPublicArticles>().FindManyAsync([.. comments.Select(comment => comment.ArticleId).Distinct()], cancellationToken))
            .ToDictionary(article => article.Id, article => article.Path);
}
