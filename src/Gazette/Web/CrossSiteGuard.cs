namespace Gazette.Web;

/// <summary>
/// Anonymous forms (comments, reports) carry no cookie-bound token (the page stays
/// cacheable), so cross-site posts are refused by what the browser says about
/// where the request came from: Sec-Fetch-Site, else Origin. A request with
/// neither (curl, old browsers, feed readers) is not a cross-site forgery.
/// </summary>
public static class CrossSiteGuard
{
    /// <summary>The Reader writes group's filter: a cross-site write gets a 403 page and changes nothing.</summary>
    public static async ValueTask<object?> Filter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || !IsCrossSite(http.Request))
        {
            return await next(context);
        }
        return await http.RequestServices.GetRequiredService<Rendering.PageRenderer>().NoticeAsync(StatusCodes.Status403Forbidden, "Refused",
            "This was sent from another site, so it was refused. Please send it from the article’s own page.", "/", http.RequestAborted);
    }

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
