namespace Gazette.WordPressApi;

/// <summary>
/// What the API does not do, answered as WordPress answers it: comment writes
/// (anonymous comments are off, as WordPress's default), and any other path
/// beneath /wp-json/.
/// </summary>
public static class WpRefusals
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/wp/v2/comments", () => WpError.Of("rest_comment_login_required", "Sorry, you must be logged in to comment.", StatusCodes.Status401Unauthorized));
        api.MapPost("/wp/v2/comments/{id:long}", () => WpError.Of("rest_cannot_edit", "Sorry, you are not allowed to edit this comment.", StatusCodes.Status401Unauthorized));
        api.Map("/{**rest}", () => WpError.NoRoute());
    }
}
