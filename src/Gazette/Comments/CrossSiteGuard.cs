namespace Gazette.Comments;

/// <summary>
/// The anonymous comment form carries no cookie-bound token (the page stays
/// cacheable), so cross-site posts are refused by what the browser says about
/// where the request came from: Sec-Fetch-Site, else Origin. A request with
/// neither (curl, old browsers, feed readers) is not a cross-site forgery.
/// </summary>
public static class CrossSiteGuard
{
    public static bool IsCrossSite(HttpRequest request)
    {
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite.Length > 0)
        {
            return fetchSite is not ("same-origin" or "none");
        }
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return false;
        }
        return !Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            || !string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
