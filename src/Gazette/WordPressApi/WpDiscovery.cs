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

    private static readonly string[] PostFields = ["title", "content", "excerpt", "slug", "status", "date", "date_gmt", "author", "comment_status", "featured_media"];
    private static readonly string[] One = ["id", "context"];
    private static readonly string[] Deleting = ["id", "force"];

    /// <summary>
    /// Every route this API answers, with its endpoints' methods and the
    /// arguments each reads, as WordPress lists them: clients that discover the
    /// API (wpapi, the mobile apps) make their query and write methods from these.
    /// </summary>
    public static readonly (string Route, WpEndpoint[] Endpoints)[] Routes =
    [
        ("/wp/v2/posts", [Read(WpPostEndpoints.QueryKeys), new(["POST"], [.. PostFields, "categories", "tags"])]),
        ("/wp/v2/posts/(?P<id>[\\d]+)", [Read(One), new(["POST", "PUT", "PATCH"], ["id", .. PostFields, "categories", "tags"]), new(["DELETE"], Deleting)]),
        ("/wp/v2/pages", [Read(WpPostEndpoints.QueryKeys), new(["POST"], [.. PostFields, "parent"])]),
        ("/wp/v2/pages/(?P<id>[\\d]+)", [Read(One), new(["POST", "PUT", "PATCH"], ["id", .. PostFields, "parent"]), new(["DELETE"], Deleting)]),
        ("/wp/v2/categories", [Read(WpTermEndpoints.QueryKeys), new(["POST"], ["name", "slug", "description", "parent"])]),
        ("/wp/v2/categories/(?P<id>[\\d]+)", [Read(One)]),
        ("/wp/v2/tags", [Read(WpTermEndpoints.QueryKeys), new(["POST"], ["name", "slug", "description"])]),
        ("/wp/v2/tags/(?P<id>[\\d]+)", [Read(One)]),
        ("/wp/v2/users", [Read(WpUserEndpoints.QueryKeys)]),
        ("/wp/v2/users/(?P<id>[\\d]+)", [Read(One)]),
        ("/wp/v2/users/me", [Read(["context"])]),
        ("/wp/v2/comments", [Read(WpCommentEndpoints.QueryKeys), new(["POST"], WpCommentWrites.CreateFields)]),
        ("/wp/v2/comments/(?P<id>[\\d]+)", [Read(One), new(["POST", "PUT", "PATCH"], ["id", .. WpCommentWrites.UpdateFields]), new(["DELETE"], Deleting)]),
        ("/wp/v2/media", [Read(WpMediaEndpoints.QueryKeys), new(["POST"], ["file", "alt_text", "title", "caption"])]),
        ("/wp/v2/media/(?P<id>[\\d]+)", [Read(One)]),
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
            routes["/"] = Route("", [Read(["context"])], links.ApiRoot);
        }
        routes["/" + Namespace] = Route(Namespace, [Read(["namespace", "context"])], links.Route(Namespace));
        foreach (var (route, endpoints) in Routes)
        {
            routes[route] = Route(Namespace, endpoints, route.Contains('(', StringComparison.Ordinal) ? null : links.Route(route));
        }
        return routes;
    }

    private static WpEndpoint Read(string[] query) => new(["GET"], [.. query.Where(name => !name.StartsWith('_'))]);

    private static JsonObject Route(string ns, WpEndpoint[] endpoints, string? self)
    {
        static JsonArray Methods(IEnumerable<string> methods) => new([.. methods.Select(method => (JsonNode)method)]);
        var route = new JsonObject
        {
            ["namespace"] = ns,
            ["methods"] = Methods(endpoints.SelectMany(endpoint => endpoint.Methods)),
            ["endpoints"] = new JsonArray([.. endpoints.Select(endpoint => (JsonNode)new JsonObject
            {
                ["methods"] = Methods(endpoint.Methods),
                ["args"] = new JsonObject(endpoint.Args.Select(name => KeyValuePair.Create(name, (JsonNode?)new JsonObject { ["required"] = name == "id" }))),
            })]),
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

/// <summary>One endpoint of a route: the methods it answers and the arguments it reads.</summary>
public sealed record WpEndpoint(string[] Methods, string[] Args);
