using System.Text.Json.Nodes;
using Gazette.Accounts.Contracts;
using Gazette.Articles.Contracts;
using Gazette.Web;

namespace Gazette.WordPressApi;

/// <summary>
/// <c>/wp/v2/users</c>: the members a public article's byline names, as
/// WordPress shows authors of published posts to anyone; a member with
/// nothing public is "invalid" here as on the author pages, so the API never
/// confirms who has an account. Public fields only: never a login or email.
/// <c>/wp/v2/users/me</c> is the caller itself, which clients ask first to check
/// an application password and, in the edit context, what the member may do.
/// </summary>
public static class WpUserEndpoints
{
    public static readonly string[] QueryKeys = ["page", "per_page", "search", "slug", "include", "exclude", "orderby", "order", "context", "_fields", "_embed"];

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/wp/v2/users", (HttpContext http, IPublicArticleQueries queries, IAuthorDirectory authors) => ListAsync(WpRequest.Of(http), queries, authors));
        api.MapGet("/wp/v2/users/me", (HttpContext http, IAuthorDirectory authors) => MeAsync(WpRequest.Of(http), authors));
        api.MapGet("/wp/v2/users/{id:long}", (HttpContext http, long id, IPublicArticleQueries queries, IAuthorDirectory authors, IMemberContacts members) =>
            OneAsync(WpRequest.Of(http), queries, authors, members, id));
    }

    private static async Task<IResult> ListAsync(WpRequest request, IPublicArticleQueries queries, IAuthorDirectory directory)
    {
        if (request.RefusedContext("rest_forbidden_context", "Sorry, you are not allowed to list users.") is { } refused)
        {
            return refused;
        }
        var query = request.Query;
        var (page, perPage) = (query.Page(), query.PerPage());
        var search = query.Text("search");
        var slugs = query.Strings("slug");
        var include = query.Ids("include");
        var exclude = query.Ids("exclude");
        var orderBy = query.OneOf("orderby", "name", "id", "include", "name", "slug");
        var descending = query.OneOf("order", "asc", "asc", "desc") == "desc";
        if (!query.IsValid)
        {
            return WpError.InvalidParams(query.Problems);
        }
        // The members with public bylines are a newsroom's worth, so they are filtered here rather than in SQL.
        var members = (await directory.FindAsync(await queries.BylineMemberIdsAsync(request.Aborted), request.Aborted)).Values
            .Where(author => search is null
                || author.DisplayName.Contains(search, StringComparison.OrdinalIgnoreCase)
                || author.Slug.Contains(search, StringComparison.OrdinalIgnoreCase))
            .Where(author => slugs.Count == 0 || slugs.Contains(author.Slug, StringComparer.OrdinalIgnoreCase))
            .Where(author => include.Count == 0 || include.Contains(author.Id))
            .Where(author => !exclude.Contains(author.Id));
        var ordered = orderBy switch
        {
            "id" => Order(members, author => author.Id, descending),
            "include" => members.OrderBy(author => include.ToList().IndexOf(author.Id)),
            "slug" => Order(members, author => author.Slug, descending),
            _ => Order(members, author => author.DisplayName, descending),
        };
        var all = ordered.ToList();
        return request.Many(all.Skip((page - 1) * perPage).Take(perPage).Select(author => WpShapes.User(author, request.Links)), "users", all.Count, page, perPage);
    }

    private static async Task<IResult> MeAsync(WpRequest request, IAuthorDirectory directory)
    {
        var caller = await NewsroomUser.ApiCallerAsync(request.Http);
        if (caller is null)
        {
            return WpError.Of("rest_not_logged_in", "You are not currently logged in.", StatusCodes.Status401Unauthorized);
        }
        if (!request.Query.IsValid)
        {
            return WpError.InvalidParams(request.Query.Problems);
        }
        if (!(await directory.FindAsync([caller.Id], request.Aborted)).TryGetValue(caller.Id, out var author))
        {
            return WpError.Of("rest_user_invalid_id", "Invalid user ID.", StatusCodes.Status404NotFound);
        }
        var user = WpShapes.User(author, request.Links);
        if (request.Context == "edit")
        {
            user["roles"] = new JsonArray(caller.Role);
            user["capabilities"] = Capabilities(caller);
        }
        return request.One(user, "users");
    }

    /// <summary>
    /// A member as the newsroom's managers (editors and administrators) and the
    /// member themself see them: login, email, role; to anyone else the edit
    /// context is refused, whether or not the member exists.
    /// </summary>
    private static async Task<IResult> EditAsync(WpRequest request, IAuthorDirectory directory, IMemberContacts members, NewsroomUser caller, long id)
    {
        WpNoStore.Mark(request.Http);
        if (caller.Id != id && !caller.CanEditOthers)
        {
            return WpError.Of("rest_forbidden_context", "Sorry, you are not allowed to edit this user.", StatusCodes.Status403Forbidden);
        }
        if (!request.Query.IsValid)
        {
            return WpError.InvalidParams(request.Query.Problems);
        }
        if (await members.ProfileAsync(id, request.Aborted) is not { } profile
            || !(await directory.FindAsync([id], request.Aborted)).TryGetValue(id, out var author))
        {
            return WpError.Of("rest_user_invalid_id", "Invalid user ID.", StatusCodes.Status404NotFound);
        }
        return request.One(EditShape(WpShapes.User(author, request.Links), profile), "users");
    }

    /// <summary>The edit context's keys beside the public ones, in WordPress's order.</summary>
    private static JsonObject EditShape(JsonObject user, MemberProfile profile)
    {
        var member = new NewsroomUser(profile.Id, profile.Name, profile.Role);
        var shaped = new JsonObject
        {
            ["id"] = profile.Id,
            ["username"] = profile.Login,
            ["name"] = profile.Name,
            ["first_name"] = "",
            ["last_name"] = "",
            ["email"] = profile.Email,
            ["url"] = user["url"]?.DeepClone(),
            ["description"] = user["description"]?.DeepClone(),
            ["link"] = user["link"]?.DeepClone(),
            ["locale"] = "en_US",
            ["nickname"] = profile.Name,
            ["slug"] = profile.Slug,
            ["roles"] = new JsonArray(profile.Role),
            ["registered_date"] = WpDates.Gmt(profile.RegisteredAt) + "+00:00",
            ["capabilities"] = Capabilities(member),
            ["extra_capabilities"] = new JsonObject { [profile.Role] = true },
        };
        foreach (var key in new[] { "avatar_urls", "meta", "_links" })
        {
            shaped[key] = user[key]?.DeepClone();
        }
        return shaped;
    }

    /// <summary>WordPress's names for what the caller's role may do here, as its edit context lists them.</summary>
    private static JsonObject Capabilities(NewsroomUser caller)
    {
        var capabilities = new JsonObject { ["read"] = true, ["edit_posts"] = true, [caller.Role] = true };
        foreach (var (name, granted) in new[]
        {
            ("publish_posts", caller.CanPublish), ("upload_files", caller.CanUpload), ("edit_others_posts", caller.CanEditOthers),
            ("edit_pages", caller.CanEditOthers), ("publish_pages", caller.CanEditOthers), ("moderate_comments", caller.CanModerate),
            ("list_users", caller.IsAdministrator), ("manage_options", caller.IsAdministrator),
        })
        {
            if (granted)
            {
                capabilities[name] = true;
            }
        }
        return capabilities;
    }

    private static IOrderedEnumerable<PublicAuthor> Order<T>(IEnumerable<PublicAuthor> authors, Func<PublicAuthor, T> key, bool descending) =>
        descending ? authors.OrderByDescending(key) : authors.OrderBy(key);

    private static async Task<IResult> OneAsync(WpRequest request, IPublicArticleQueries queries, IAuthorDirectory directory, IMemberContacts members, long id)
    {
        if (request.Context == "edit" && await NewsroomUser.ApiCallerAsync(request.Http) is { } caller)
        {
            return await EditAsync(request, directory, members, caller, id);
        }
        if (request.RefusedContext("rest_forbidden_context", "Sorry, you are not allowed to edit this user.") is { } refused)
        {
            return refused;
        }
        if (!request.Query.IsValid)
        {
            return WpError.InvalidParams(request.Query.Problems);
        }
        var authors = (await queries.BylineMemberIdsAsync(request.Aborted)).Contains(id)
            ? await directory.FindAsync([id], request.Aborted)
            : new Dictionary<long, PublicAuthor>();
        return authors.TryGetValue(id, out var author)
            ? request.One(WpShapes.User(author, request.Links), "users")
            : WpError.Of("rest_user_invalid_id", "Invalid user ID.", StatusCodes.Status404NotFound);
    }
}
