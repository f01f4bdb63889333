namespace Gazette.WordPressApi;

/// <summary>
/// What the API does not do, answered as WordPress answers it: writes from a
/// caller it cannot authenticate, and any other path beneath /wp-json/.
/// </summary>
public static class WpRefusals
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/wp/v2/posts", () => WpError.Of("rest_cannot_create", "Sorry, you are not allowed to create posts as this user.", StatusCodes.Status401Unauthorized));
        api.MapPost("/wp/v2/posts/{id:long}", () => WpError.Of("rest_cannot_edit", "Sorry, you are not allowed to edit this post.", StatusCodes.Status401Unauthorized));
        api.Map("/{**rest}", () => WpError.NoRoute());
    }
}
