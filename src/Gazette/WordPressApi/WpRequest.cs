using System.Globalization;
using System.Text.Json.Nodes;
using Gazette.Rendering;
using Microsoft.AspNetCore.Http.Extensions;

namespace Gazette.WordPressApi;

/// <summary>
/// One API request: its parameters, the site's links, and what the caller asked
/// to see (<c>_fields</c>, <c>_embed</c>, <c>context</c>), with the answers
/// WordPress gives: an item, or a page of a collection with its totals.
/// </summary>
public sealed class WpRequest
{
    private readonly HashSet<string>? _fields;
    private readonly HashSet<string>? _embeds;

    private WpRequest(HttpContext context)
    {
        Http = context;
        Time = context.RequestServices.GetRequiredService<SiteTime>();
        Query = new WpQuery(context.Request, Time);
        Links = new WpLinks(context.RequestServices.GetRequiredService<PageRenderer>().Absolute(context.Request, ""));
        var fields = Query.Strings("_fields");
        _fields = fields.Count == 0 ? null : [.. fields];
        _embeds = !context.Request.Query.ContainsKey("_embed") ? null
            : [.. Query.Strings("_embed").Where(rel => !rel.Equals("1", StringComparison.Ordinal) && !rel.Equals("true", StringComparison.OrdinalIgnoreCase))];
        Context = Query.OneOf("context", "view", "view", "embed", "edit");
    }

    public HttpContext Http { get; }

    public WpQuery Query { get; }

    public WpLinks Links { get; }

    public SiteTime Time { get; }

    public string Context { get; }

    public CancellationToken Aborted => Http.RequestAborted;

    public static WpRequest Of(HttpContext context) => new(context);

    /// <summary>True when <c>_embed</c> asks for <paramref name="rel"/> (no list means every relation).</summary>
    public bool Embeds(string rel) => _embeds is not null && (_embeds.Count == 0 || _embeds.Contains(rel));

    /// <summary>WordPress refuses the edit context to anyone who may not edit; reading anonymously, nobody may.</summary>
    public IResult? RefusedContext(string code, string message) =>
        Context == "edit" ? WpError.Of(code, message, StatusCodes.Status401Unauthorized) : null;

    public IResult One(JsonObject item, string collection) => WpJson.Result(Shape(item, collection));

    public IResult Many(IEnumerable<JsonObject> items, string collection, long total, int page, int perPage)
    {
        var pages = total == 0 ? 0 : (int)((total + perPage - 1) / perPage);
        var headers = Http.Response.Headers;
        headers["X-WP-Total"] = total.ToString(CultureInfo.InvariantCulture);
        headers["X-WP-TotalPages"] = pages.ToString(CultureInfo.InvariantCulture);
        var links = new List<string>();
        if (page > 1 && page <= pages + 1)
        {
            links.Add($"<{PageUrl(page - 1)}>; rel=\"prev\"");
        }
        if (page < pages)
        {
            links.Add($"<{PageUrl(page + 1)}>; rel=\"next\"");
        }
        if (links.Count > 0)
        {
            headers.Link = string.Join(", ", links);
        }
        return WpJson.Result(new JsonArray([.. items.Select(item => (JsonNode)Shape(item, collection))]));
    }

    /// <summary>The embed context's smaller shape when asked for, then only the <c>_fields</c> asked for (dotted names reach inside).</summary>
    private JsonObject Shape(JsonObject item, string collection)
    {
        if (Context == "embed")
        {
            item = WpShapes.Embedded(item, collection);
        }
        if (_fields is null)
        {
            return item;
        }
        var kept = new JsonObject();
        foreach (var field in _fields)
        {
            Copy(item, kept, field.Split('.'));
        }
        return kept;
    }

    private static void Copy(JsonObject from, JsonObject to, ReadOnlySpan<string> path)
    {
        if (!from.TryGetPropertyValue(path[0], out var value))
        {
            return;
        }
        if (path.Length == 1 || value is not JsonObject inner)
        {
            to[path[0]] = value?.DeepClone();
            return;
        }
        if (to[path[0]] is not JsonObject target)
        {
            target = [];
            to[path[0]] = target;
        }
        Copy(inner, target, path[1..]);
    }

    private string PageUrl(int page)
    {
        var query = QueryHelpersWithout(Http.Request.Query, "page");
        query.Add("page", page.ToString(CultureInfo.InvariantCulture));
        return Links.Site + Http.Request.PathBase + Http.Request.Path + query.ToQueryString();
    }

    private static QueryBuilder QueryHelpersWithout(IQueryCollection query, string left) =>
        new(query.Where(pair => pair.Key != left).SelectMany(pair => pair.Value.Select(value => KeyValuePair.Create(pair.Key, value ?? ""))));
}
