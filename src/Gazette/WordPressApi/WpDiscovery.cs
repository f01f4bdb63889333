using System.Text.Json.Nodes;
using Gazette.Rendering;

namespace Gazette.WordPressApi;

/// <summary>
/// The index at <c>/wp-json/</c> and <c>/wp-json/wp/v2</c>, where clients learn
/// the site's name and routes, and the <c>Link</c> header on public pages
/// that leads them there (WordPress's REST API discovery).
/// </summary>
public static class WpDiscovery
{
    public const string Namespace = "wp/v2";

    public const string Relation = "https://api.w.org/";

    /// <summary>Every route this API answers, and its methods.</summary>
    public static readonly (string Route, string[] Methods)[] Routes =
    [
        ("/wp/v2/posts", ["GET"]),
        ("/wp/v2/posts/(?P<id>[\\d]+)", ["GET"]),
        ("/wp/v2/pages", ["GET"]),
        ("/wp/v2/pages/(?P<id>[\\d]+)", ["GET"]),
        ("/wp/v2/categories", ["GET", "POST"]),
        ("/wp/v2/categories/(?P<id>[\\d]+)", ["GET"]),
        ("/wp/v2/tags", ["GET", "POST"]),
        ("/wp/v2/tags/(?P<id>[\\d]+)", ["GET"]),
        ("/wp/v2/users", ["GET"]),
        ("/wp/v2/users/(?P<id>[\\d]+)", ["GET"]),
        ("/wp/v2/comments", ["GET"]),
        ("/wp/v2/comments/(?P<id>[\\d]+)", ["GET"]),
        ("/wp/v2/media", ["GET", "POST"]),
        ("/wp/v2/media/(?P<id>[\\d]+)", ["GET"]),
    ];

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/", (HttpContext http) => Index(WpRequest.Of(http), http.RequestServices.GetRequiredService<PageRenderer>().Site));
        api.MapGet("/wp/v2", (HttpContext http) => NamespaceIndex(WpRequest.Of(http)));
    }

    private static IResult Index(WpRequest request, SiteOptions site)
    {
        var links = request.Links;
        var index = new JsonObject
        {
            ["name"] = site.Title,
            ["description"] = site.Tagline,
            ["url"] = links.Site,
            ["home"] = links.Site,
            ["gmt_offset"] = request.Time.Local(DateTimeOffset.UtcNow).Offset.TotalHours,
            ["timezone_string"] = site.TimeZone,
            ["namespaces"] = new JsonArray(Namespace),
            ["authentication"] = new JsonObject(),
            ["routes"] = RouteTable(links, includeNamespaces: true),
            ["site_logo"] = 0,
            ["site_icon"] = 0,
            ["site_icon_url"] = "",
            ["_links"] = new JsonObject { ["help"] = WpLinks.Link("https://developer.wordpress.org/rest-api/") },
        };
        return WpJson.Result(index);
    }

    private static IResult NamespaceIndex(WpRequest request) => WpJson.Result(new JsonObject
    {
        ["namespace"] = Namespace,
        ["routes"] = RouteTable(request.Links, includeNamespaces: false),
        ["_links"] = new JsonObject { ["up"] = WpLinks.Link(request.Links.ApiRoot) },
    });

    private static JsonObject RouteTable(WpLinks links, bool includeNamespaces)
    {
        var routes = new JsonObject();
        if (includeNamespaces)
        {
            routes["/"] = Route("", ["GET"], links.ApiRoot);
        }
        routes["/" + Namespace] = Route(Namespace, ["GET"], links.Route(Namespace));
        foreach (var (route, methods) in Routes)
        {
            routes[route] = Route(Namespace, methods, route.Contains('(', StringComparison.Ordinal) ? null : links.Route(route));
        }
        return routes;
    }

    private static JsonObject Route(string ns, string[] methods, string? self)
    {
        var route = new JsonObject
        {
            ["namespace"] = ns,
            ["methods"] = new JsonArray([.. methods.Select(method => (JsonNode)method)]),
            ["endpoints"] = new JsonArray(new JsonObject { ["methods"] = new JsonArray([.. methods.Select(method => (JsonNode)method)]), ["args"] = new JsonObject() }),
        };
        if (self is not null)
        {
            route["_links"] = new JsonObject { ["self"] = WpLinks.Link(self) };
        }
        return route;
    }

    /// <summary>
    /// Adds <c>Link: &lt;…/wp-json/&gt;; rel="https://api.w.org/"</c> to the public
    /// group's theme pages, as WordPress sends it on every page. Set before the
    /// page is written, so the page cache keeps it with the page.
    /// </summary>
    public static async ValueTask<object?> AnnounceAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var result = await next(invocation);
        if (result is HtmlPage)
        {
            var http = invocation.HttpContext;
            var root = http.RequestServices.GetRequiredService<PageRenderer>().Absolute(http.Request, WpLinks.Root);
            http.Response.Headers.Append("Link", $"<{root}>; rel=\"{Relation}\"");
        }
        return result;
    }
}
