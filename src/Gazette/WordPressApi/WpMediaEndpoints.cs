using Gazette.Media.Contracts;

namespace Gazette.WordPressApi;

/// <summary>
/// <c>/wp/v2/media</c>: the media library, whose files are public at /media/
/// anyway. Gazette's images belong to no post, so <c>parent</c> finds none.
/// </summary>
public static class WpMediaEndpoints
{
    public static readonly string[] QueryKeys = ["page", "per_page", "search", "parent", "media_type", "context", "_fields", "_embed"];

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/wp/v2/media", (HttpContext http, IMediaCatalog media) => ListAsync(WpRequest.Of(http), media));
        api.MapGet("/wp/v2/media/{id:long}", (HttpContext http, long id, IMediaCatalog media) => OneAsync(WpRequest.Of(http), media, id));
    }

    private static async Task<IResult> ListAsync(WpRequest request, IMediaCatalog media)
    {
        if (request.RefusedContext("rest_forbidden_context", "Sorry, you are not allowed to edit posts in this post type.") is { } refused)
        {
            return refused;
        }
        var query = request.Query;
        var (page, perPage) = (query.Page(), query.PerPage());
        var parents = query.Ids("parent");
        var type = query.OneOf("media_type", "image", "application", "image", "video", "text", "audio");
        if (!query.IsValid)
        {
            return WpError.InvalidParams(query.Problems);
        }
        var (items, total) = parents.Count > 0 || type != "image"
            ? ([], 0)
            : await media.ListAsync(query.Text("search"), page, perPage, request.Aborted);
        if (total > 0 && (long)(page - 1) * perPage >= total)
        {
            return WpError.InvalidPage("rest_post_invalid_page_number");
        }
        return request.Many(items.Select(image => WpShapes.Media(image, request.Links, request.Time)), "media", total, page, perPage);
    }

    private static async Task<IResult> OneAsync(WpRequest request, IMediaCatalog media, long id)
    {
        if (!request.Query.IsValid)
        {
            return WpError.InvalidParams(request.Query.Problems);
        }
        return await media.FindAsync(id, request.Aborted) is { } image
            ? request.One(WpShapes.Media(image, request.Links, request.Time), "media")
            : WpError.InvalidPostId();
    }
}
