using System.Globalization;
using System.Text.Json.Nodes;

namespace Gazette.WordPressApi;

/// <summary>The absolute URLs an answer links to: the site's pages and the API's own routes.</summary>
public sealed class WpLinks(string siteUrl)
{
    public const string Root = "/wp-json/";

    public string Site { get; } = siteUrl.TrimEnd('/');

    public string ApiRoot => Site + Root;

    public string Page(string path) => Site + path;

    public string Route(string route) => Site + Root + route.TrimStart('/');

    public string Route(string collection, long id) => Route(string.Create(CultureInfo.InvariantCulture, $"wp/v2/{collection}/{id}"));

    /// <summary>The permanent link WordPress gives a post as its guid, which Gazette's old links answer.</summary>
    public string Shortlink(long id) => Site + string.Create(CultureInfo.InvariantCulture, $"/?p={id}");

    /// <summary>A <c>_links</c> entry: one link, optionally embeddable and with extra attributes.</summary>
    public static JsonArray Link(string href, bool embeddable = false, params (string Key, JsonNode? Value)[] extra)
    {
        var link = new JsonObject();
        if (embeddable)
        {
            link["embeddable"] = true;
        }
        foreach (var (key, value) in extra)
        {
            link[key] = value;
        }
        link["href"] = href;
        return [link];
    }

    /// <summary>WordPress's compact relation names (<c>wp:term</c> means https://api.w.org/term).</summary>
    public static JsonArray Curies() => [new JsonObject { ["name"] = "wp", ["href"] = "https://api.w.org/{rel}", ["templated"] = true }];
}
