using System.Text.Json.Nodes;
using Gazette.Articles.Contracts;
using Gazette.Rendering;
using Gazette.Web;

namespace Gazette.WordPressApi;

/// <summary>
/// <c>POST /wp/v2/categories</c> and <c>/wp/v2/tags</c>: a member makes a section
/// or tag through Articles' <see cref="ITermWrites"/>, which decides who may
/// (editors sections, any member tags) and what a name already taken means:
/// WordPress's <c>term_exists</c> with the term's id, which clients use to file by it.
/// </summary>
public static class WpTermWrites
{
    private const string CannotCreate = "Sorry, you are not allowed to create terms in this taxonomy.";

    public static void Map(RouteGroupBuilder api)
    {
        foreach (var (collection, kind) in new[] { ("categories", PublicTermKind.Section), ("tags", PublicTermKind.Tag) })
        {
            api.MapPost($"/wp/v2/{collection}", (HttpContext http, ITermWrites terms, IPublicArticleQueries queries) => CreateAsync(http, terms, queries, kind, collection));
        }
    }

    private static async Task<IResult> CreateAsync(HttpContext http, ITermWrites terms, IPublicArticleQueries queries, PublicTermKind kind, string collection)
    {
        WpNoStore.Mark(http);
        var caller = await NewsroomUser.ApiCallerAsync(http);
        if (caller is null)
        {
            return WpError.Of("rest_cannot_create", CannotCreate, StatusCodes.Status401Unauthorized);
        }
        var (body, refusal) = await WpWriteParams.ReadAsync(http.Request, http.RequestServices.GetRequiredService<SiteTime>());
        if (body is null)
        {
            return refusal!;
        }
        if (!body.Has("name"))
        {
            return WpError.Of("rest_missing_callback_param", "Missing parameter(s): name", StatusCodes.Status400BadRequest,
                new JsonObject { ["params"] = new JsonArray("name") });
        }
        var name = body.Text("name");
        var slug = body.Text("slug");
        var description = body.Text("description");
        var parent = kind == PublicTermKind.Section ? body.Number("parent") : null;
        if (!body.IsValid)
        {
            return WpError.InvalidParams(body.Problems);
        }
        var result = await terms.CreateAsync(caller, new TermWrite(kind, name ?? "", slug, description, parent is > 0 ? parent : null), http.RequestAborted);
        switch (result.Outcome)
        {
            case TermWriteOutcome.Forbidden:
                return WpError.Of("rest_cannot_create", CannotCreate, StatusCodes.Status403Forbidden);
            case TermWriteOutcome.Exists:
                return WpError.Of("term_exists",
                    kind == PublicTermKind.Section ? "A term with the name provided already exists with this parent." : "A term with the name provided already exists in this taxonomy.",
                    StatusCodes.Status400BadRequest, new JsonObject { ["term_id"] = result.TermId });
            case TermWriteOutcome.SlugTaken:
                return WpError.Of("duplicate_term_slug", result.Problem!, StatusCodes.Status400BadRequest);
            case TermWriteOutcome.Invalid when result.Field == TermWriteFields.Parent:
                return WpError.Of("rest_term_invalid", "Parent term does not exist.", StatusCodes.Status400BadRequest);
            case TermWriteOutcome.Invalid:
                return WpError.InvalidParams(new Dictionary<string, WpProblem> { [result.Field!] = new("rest_invalid_param", result.Problem!) });
        }
        var term = await queries.FindTermAsync(kind, result.TermId!.Value, http.RequestAborted);
        var links = new WpLinks(http.RequestServices.GetRequiredService<PageRenderer>().Absolute(http.Request, ""));
        http.Response.Headers.Location = links.Route(collection, term!.Term.Id);
        return WpJson.Result(WpShapes.Term(term, kind, links), StatusCodes.Status201Created);
    }
}
