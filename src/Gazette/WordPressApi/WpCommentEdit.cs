using System.Text.Json.Nodes;
using Gazette.Articles.Contracts;
using Gazette.Comments.Contracts;
using Gazette.Web;

namespace Gazette.WordPressApi;

/// <summary>
/// Comments as moderators see them through the API (WordPress's edit context:
/// the commenter's email, address and user agent, the raw text, any status), and
/// who may: editors and administrators signed in with an application password.
/// Anyone else asking for the edit context gets WordPress's
/// <c>rest_forbidden_context</c>, 401 without credentials and 403 with.
/// </summary>
public static class WpCommentEdit
{
    /// <summary>WordPress's name of each stored status (a held comment is "hold").</summary>
    public static string WpStatus(string status) => status == CommentStatus.Pending ? "hold" : status;

    /// <summary>
    /// The stored statuses a list's <c>status</c> parameter names, as WordPress
    /// reads it: none is approved, <c>all</c> is approved and held, an unknown name matches nothing.
    /// </summary>
    public static IReadOnlyList<string> Statuses(IReadOnlyList<string> names) =>
        names.Count == 0 ? [CommentStatus.Approved]
        : [.. names.SelectMany(name => name.ToLowerInvariant() switch
        {
            "approve" or "approved" or "1" => [CommentStatus.Approved],
            "hold" or "0" => [CommentStatus.Pending],
            "spam" => [CommentStatus.Spam],
            "trash" => [CommentStatus.Trash],
            "all" => new[] { CommentStatus.Approved, CommentStatus.Pending },
            _ => [],
        }).Distinct(StringComparer.Ordinal)];

    /// <summary>The moderator behind the request, or the refusal WordPress gives anyone else a <c>context=edit</c>.</summary>
    public static async Task<(NewsroomUser? Moderator, IResult? Refusal)> ModeratorAsync(HttpContext http, string message)
    {
        var caller = await NewsroomUser.ApiCallerAsync(http);
        return caller is { CanModerate: true } ? (caller, null)
            : (null, WpError.Of("rest_forbidden_context", message, caller is null ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden));
    }

    /// <summary>A comment in the view context (no email, no address) whatever its status.</summary>
    public static async Task<JsonObject> ViewAsync(EditableComment comment, WpRequest request, IServiceProvider services)
    {
        var article = await services.GetRequiredService<IPublicArticles>().FindAsync(comment.ArticleId, request.Aborted);
        var listed = new ListedComment(comment.Id, comment.ArticleId, comment.ParentId, comment.AuthorName, comment.AuthorUrl, comment.BodyHtml, comment.CreatedAt);
        var shape = WpShapes.Comment(listed, article?.Path, request.Links, request.Time);
        shape["author"] = comment.UserId ?? 0;
        shape["status"] = WpStatus(comment.Status);
        return shape;
    }

    /// <summary>The edit context: the view's keys with WordPress's private ones in WordPress's order.</summary>
    public static async Task<JsonObject> EditAsync(EditableComment comment, WpRequest request, IServiceProvider services)
    {
        var view = await ViewAsync(comment, request, services);
        var edit = new JsonObject();
        foreach (var (key, value) in view.ToList())
        {
            view.Remove(key);
            edit[key] = value;
            if (key == "author_name")
            {
                edit["author_email"] = comment.AuthorEmail;
            }
            else if (key == "author_url")
            {
                edit["author_ip"] = comment.Ip ?? "";
                edit["author_user_agent"] = comment.UserAgent ?? "";
            }
        }
        edit["content"]!["raw"] = comment.BodySource;
        return edit;
    }

    /// <summary>Comments of a page in the edit context, for a moderator: their private fields read by id.</summary>
    public static async Task<IReadOnlyList<JsonObject>> EditManyAsync(NewsroomUser moderator, IReadOnlyList<ListedComment> comments, WpRequest request, IServiceProvider services)
    {
        var found = (await services.GetRequiredService<ICommentWrites>().FindAsync(moderator, [.. comments.Select(comment => comment.Id)], request.Aborted))
            .ToDictionary(comment => comment.Id);
        var shapes = new List<JsonObject>();
        foreach (var comment in comments)
        {
            if (found.TryGetValue(comment.Id, out var editable))
            {
                shapes.Add(await EditAsync(editable, request, services));
            }
        }
        return shapes;
    }
}
