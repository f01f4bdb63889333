namespace Gazette.WordPressApi;

/// <summary>
/// What the API does not do, answered as WordPress answers it: any path
/// beneath /wp-json/ that names no route.
/// </summary>
public static class WpRefusals
{
    public static void Map(RouteGroupBuilder api)
    {
        api.Map("/{**rest}", () => WpError.NoRoute());
    }
}
