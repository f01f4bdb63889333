using System.Text;
using Gazette.Web;

namespace Gazette.Sitemaps;

/// <summary>
/// /robots.txt: crawlers keep out of what is no reader's page (the newsroom, the
/// APIs, previews, search results, the comment form's stamp, operations) and
/// are told where both sitemaps are. Paths a page's slug could begin with end
/// in <c>$</c> or <c>?</c>, so a page /search-and-rescue/ stays crawlable.
/// </summary>
public static class RobotsTxt
{
    public const string Path = "/robots.txt";

    public static readonly IReadOnlyList<string> Disallowed =
    [
        "/admin/", "/api/", "/wp-json/", "/preview/", "/comments/stamp", "/search$", "/search?", "/healthz$", "/metrics$",
    ];

    public static void Map(RouteGroups groups) =>
        groups.PublicApi.MapMethods(Path, [HttpMethods.Get, HttpMethods.Head], Serve).WithName("RobotsTxt");

    private static IResult Serve(HttpContext context, SitemapAddress address) =>
        Results.Text(Text(address.Absolute(context.Request, "")), "text/plain", Encoding.UTF8);

    public static string Text(string baseUrl)
    {
        var text = new StringBuilder("User-agent: *\n");
        foreach (var path in Disallowed)
        {
            text.Append("Disallow: ").Append(path).Append('\n');
        }
        return text.Append('\n')
            .Append("Sitemap: ").Append(baseUrl).Append(SitemapEndpoints.IndexPath).Append('\n')
            .Append("Sitemap: ").Append(baseUrl).Append(SitemapEndpoints.NewsPath).Append('\n')
            .ToString();
    }
}
