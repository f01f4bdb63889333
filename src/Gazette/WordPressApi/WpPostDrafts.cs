using Gazette.Articles.Contracts;
using Gazette.Rendering;
using Gazette.Web;

namespace Gazette.WordPressApi;

/// <summary>
/// <c>/wp/v2/posts</c> and <c>/wp/v2/pages</c> as a signed-in member lists them
/// (<c>?status=draft</c>, <c>?context=edit</c>): every status, in the edit
/// shape, only what the member may open in the editor (editors every article,
/// authors and contributors their own, as WordPress's <c>edit_post</c>), and
/// never kept by a cache. Pages need the editor's role, as WordPress's <c>edit_pages</c>.
/// </summary>
public static class WpPostDrafts
{
    private static readonly string[] Statuses = ["publish", "future", "draft", "pending", "private", "trash", "any"];

    /// <summary>True when the request asks for what only a member may see: another status than publish, or the edit context.</summary>
    public static bool Asked(WpRequest request) => request.Context == "edit" || request.Query.Strings("status").Any(status => status != "publish");

    public static async Task<IResult> ListAsync(WpRequest request, IArticleWrites writes, NewsroomUser caller, bool isPage)
    {
        WpNoStore.Mark(request.Http);
        var query = request.Query;
        var mayEdit = !isPage || caller.CanEditOthers;
        var asked = query.Strings("status");
        for (var i = 0; i < asked.Count; i++)
        {
            if (!Statuses.Contains(asked[i], StringComparer.Ordinal))
            {
                query.Refuse("status", $"status[{i}] is not one of {string.Join(", ", Statuses)}.", "rest_not_in_enum");
            }
            else if (asked[i] != "publish" && !mayEdit)
            {
                query.Refuse("status", "Status is forbidden.", "rest_forbidden_status");
            }
        }
        var orderBy = query.OneOf("orderby", "date", WpPostEndpoints.OrderNames);
        var search = query.Text("search");
        var written = new WrittenQuery(isPage, Stored(asked), query.Page(), query.PerPage())
        {
            Search = search,
            SectionIds = isPage ? [] : query.Ids("categories"),
            TagIds = isPage ? [] : query.Ids("tags"),
            AuthorIds = query.Ids("author"),
            Include = query.Ids("include"),
            Exclude = query.Ids("exclude"),
            Slugs = query.Strings("slug"),
            OrderBy = WpPostEndpoints.Order(orderBy),
            Descending = query.OneOf("order", "desc", "asc", "desc") == "desc",
        };
        if (!query.IsValid)
        {
            return WpError.InvalidParams(query.Problems);
        }
        if (request.Context == "edit" && !mayEdit)
        {
            return WpError.Of("rest_forbidden_context", "Sorry, you are not allowed to edit posts in this post type.", StatusCodes.Status403Forbidden);
        }
        if (orderBy == "relevance" && search is null)
        {
            return WpError.Of("rest_no_search_term_defined", "You need to define a search term to order by relevance.", StatusCodes.Status400BadRequest);
        }
        var (items, total) = await writes.ListAsync(caller, written, request.Aborted);
        if (total > 0 && (long)(written.Page - 1) * written.PerPage >= total)
        {
            return WpError.InvalidPage("rest_post_invalid_page_number");
        }
        var time = request.Http.RequestServices.GetRequiredService<SiteTime>();
        var now = request.Http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        return request.Many(items.Select(article => WpEditShapes.Post(article, caller, request.Links, time, now)),
            isPage ? "pages" : "posts", total, written.Page, written.PerPage);
    }

    /// <summary>WordPress's statuses as Articles stores them: "any" is every one but the trash, as in WordPress; none asked is "publish".</summary>
    private static IReadOnlyList<string> Stored(IReadOnlyList<string> asked) =>
        [.. (asked.Count == 0 ? ["publish"] : asked).SelectMany(status => status switch
        {
            "publish" => [WrittenStatus.Published],
            "future" => [WrittenStatus.Scheduled],
            "draft" => [WrittenStatus.Draft],
            "pending" => [WrittenStatus.Pending],
            "private" => [WrittenStatus.Private],
            "trash" => [WrittenStatus.Trash],
            "any" => new[] { WrittenStatus.Published, WrittenStatus.Scheduled, WrittenStatus.Draft, WrittenStatus.Pending, WrittenStatus.Private },
            _ => [],
        }).Distinct()];
}
