using System.Globalization;
using System.Text.Json.Nodes;
using Gazette.Accounts.Contracts;
using Gazette.Comments.Contracts;
using Gazette.Rendering;
using Gazette.Web;
using Microsoft.Extensions.Options;

namespace Gazette.WordPressApi;

/// <summary>
/// Writing comments through <c>/wp/v2/comments</c>, as WordPress answers it:
/// members signed in with an application password comment under their own
/// name; anonymous callers only when <see cref="WpWriteOptions.AnonymousComments"/>
/// says so; editors and administrators moderate (status, text, trash, delete).
/// Everything goes through Comments' own paths (<see cref="ICommentWrites"/>).
/// </summary>
public static class WpCommentWrites
{
    private static readonly Dictionary<string, string> Statuses = new(StringComparer.OrdinalIgnoreCase)
    {
        ["approved"] = CommentStatus.Approved,
        ["approve"] = CommentStatus.Approved,
        ["1"] = CommentStatus.Approved,
        ["hold"] = CommentStatus.Pending,
        ["0"] = CommentStatus.Pending,
        ["spam"] = CommentStatus.Spam,
        ["trash"] = CommentStatus.Trash,
    };

    /// <summary>What a new comment may carry, and what an edit may change (the index lists them).</summary>
    public static readonly string[] CreateFields = ["post", "parent", "content", "author_name", "author_email", "author_url", "status"];

    public static readonly string[] UpdateFields = ["content", "status"];

    public static void Map(RouteGroupBuilder api)
    {
        var writes = api.MapGroup("/wp/v2/comments")
            // A browser that was given Basic credentials sends them with any request to the site, a forged form's too.
            .AddEndpointFilter(CrossSiteGuard.Filter)
            .AddEndpointFilter(async (invocation, next) =>
            {
                invocation.HttpContext.Response.Headers.CacheControl = "no-store";
                return await next(invocation);
            });
        writes.MapPost("", (HttpContext http, IServiceProvider services) => CreateAsync(http, services));
        writes.MapMethods("/{id:long}", [HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch], (HttpContext http, long id, IServiceProvider services) => UpdateAsync(http, id, services));
        writes.MapDelete("/{id:long}", (HttpContext http, long id, IServiceProvider services) => DeleteAsync(http, id, services));
    }

    private static async Task<IResult> CreateAsync(HttpContext http, IServiceProvider services)
    {
        var caller = await NewsroomUser.ApiCallerAsync(http);
        // Wrong credentials are refused rather than taken as anonymous, so a revoked app never comments as a reader.
        if (caller is null && (http.Request.Headers.Authorization.Count > 0 || !services.GetRequiredService<IOptionsMonitor<WpWriteOptions>>().CurrentValue.AnonymousComments))
        {
            return WpError.Of("rest_comment_login_required", "Sorry, you must be logged in to comment.", StatusCodes.Status401Unauthorized);
        }
        var (body, refusal) = await WpWriteParams.ReadAsync(http.Request, services.GetRequiredService<SiteTime>());
        if (body is null)
        {
            return refusal!;
        }
        if (body.Has("id"))
        {
            return WpError.Of("rest_comment_exists", "Cannot create existing comment.", StatusCodes.Status400BadRequest);
        }
        var status = body.Text("status");
        if (status is not null && caller is not { CanModerate: true })
        {
            return WpError.Of("rest_comment_invalid_status", "Sorry, you are not allowed to edit 'status' for comments.", caller is null ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden);
        }
        var post = body.Number("post") ?? 0;
        var parent = body.Number("parent") ?? 0;
        RefuseUnknown(body, status);
        if (!body.IsValid)
        {
            return WpError.InvalidParams(body.Problems);
        }
        if (post == 0)
        {
            return NoPost();
        }
        var author = caller is null ? null : await services.GetRequiredService<IMemberContacts>().FindAsync(caller.Id, http.RequestAborted);
        var submission = new CommentSubmission(post, parent,
            author?.Name ?? body.Text("author_name") ?? "",
            author?.Email ?? body.Text("author_email") ?? "",
            author is null ? body.Text("author_url") ?? "" : "",
            body.Text("content") ?? "",
            http.Connection.RemoteIpAddress?.ToString(), http.Request.Headers.UserAgent.ToString(), caller);
        var writes = services.GetRequiredService<ICommentWrites>();
        var result = await writes.SubmitAsync(submission, http.RequestAborted);
        if (result is { Status: CommentWriteStatus.Done, Comment: { } created } && status is not null && caller is not null)
        {
            result = await writes.UpdateAsync(caller, created.Id, Statuses[status], null, http.RequestAborted);
        }
        if (result is not { Status: CommentWriteStatus.Done, Comment: { } comment })
        {
            return Refusal(result, http);
        }
        var request = WpRequest.Of(http);
        var shape = caller is { CanModerate: true } ? await WpCommentEdit.EditAsync(comment, request, services) : await WpCommentEdit.ViewAsync(comment, request, services);
        http.Response.Headers.Location = request.Links.Route("comments", comment.Id);
        return WpJson.Result(shape, StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateAsync(HttpContext http, long id, IServiceProvider services)
    {
        var caller = await NewsroomUser.ApiCallerAsync(http);
        if (caller is not { CanModerate: true })
        {
            return WpError.Of("rest_cannot_edit", "Sorry, you are not allowed to edit this comment.", caller is null ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden);
        }
        var (body, refusal) = await WpWriteParams.ReadAsync(http.Request, services.GetRequiredService<SiteTime>());
        if (body is null)
        {
            return refusal!;
        }
        var status = body.Text("status");
        var content = body.Text("content");
        RefuseUnknown(body, status);
        if (!body.IsValid)
        {
            return WpError.InvalidParams(body.Problems);
        }
        var result = await services.GetRequiredService<ICommentWrites>().UpdateAsync(caller, id, status is null ? null : Statuses[status], content, http.RequestAborted);
        return result is { Status: CommentWriteStatus.Done, Comment: { } comment }
            ? WpJson.Result(await WpCommentEdit.EditAsync(comment, WpRequest.Of(http), services))
            : Refusal(result, http);
    }

    private static async Task<IResult> DeleteAsync(HttpContext http, long id, IServiceProvider services)
    {
        var caller = await NewsroomUser.ApiCallerAsync(http);
        if (caller is not { CanModerate: true })
        {
            return WpError.Of("rest_cannot_delete", "Sorry, you are not allowed to delete this comment.", caller is null ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden);
        }
        var force = WpRequest.Of(http).Query.Strings("force").Any(value => value is "1" or "true");
        var result = await services.GetRequiredService<ICommentWrites>().DeleteAsync(caller, id, force, http.RequestAborted);
        if (result is not { Status: CommentWriteStatus.Done, Comment: { } comment })
        {
            return Refusal(result, http);
        }
        var shape = await WpCommentEdit.EditAsync(comment, WpRequest.Of(http), services);
        return WpJson.Result(force ? new JsonObject { ["deleted"] = true, ["previous"] = shape } : shape);
    }

    private static void RefuseUnknown(WpWriteParams body, string? status)
    {
        if (status is not null && !Statuses.ContainsKey(status))
        {
            body.Refuse("status", "status is not one of approved, approve, hold, spam, trash.");
        }
    }

    private static IResult NoPost() =>
        WpError.Of("rest_comment_invalid_post_id", "Sorry, you are not allowed to create this comment without a post.", StatusCodes.Status403Forbidden);

    /// <summary>WordPress's answer to each way a write can fail.</summary>
    private static IResult Refusal(CommentWriteResult result, HttpContext http)
    {
        switch (result.Status)
        {
            case CommentWriteStatus.NoArticle:
                return NoPost();
            case CommentWriteStatus.Closed:
                return WpError.Of("rest_comment_closed", "Sorry, comments are closed for this item.", StatusCodes.Status403Forbidden);
            case CommentWriteStatus.Duplicate:
                return WpError.Of("comment_duplicate", "Duplicate comment detected; it looks as though you&#8217;ve already said that!", StatusCodes.Status409Conflict);
            case CommentWriteStatus.Flooded:
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling(result.RetryAfter?.TotalSeconds ?? 1)).ToString(CultureInfo.InvariantCulture);
                return WpError.Of("comment_flood", "You are posting comments too quickly. Slow down.", StatusCodes.Status400BadRequest);
            case CommentWriteStatus.NotFound:
                return WpError.Of("rest_comment_invalid_id", "Invalid comment ID.", StatusCodes.Status404NotFound);
            case CommentWriteStatus.AlreadyTrashed:
                return WpError.Of("rest_already_trashed", "The comment has already been trashed.", StatusCodes.Status410Gone);
            case CommentWriteStatus.Refused:
                return WpError.Of("rest_cannot_edit", "Sorry, you are not allowed to edit this comment.", StatusCodes.Status403Forbidden);
            default:
                return Invalid(result.Errors ?? new Dictionary<string, string>());
        }
    }

    /// <summary>The reader form's errors by WordPress's codes: the text, the author's name and email, then any other parameter by WordPress's name.</summary>
    private static IResult Invalid(IReadOnlyDictionary<string, string> errors)
    {
        if (errors.ContainsKey(CommentWriteResult.TextField))
        {
            return WpError.Of("rest_comment_content_invalid", "Invalid comment content.", StatusCodes.Status400BadRequest,
                new JsonObject { ["details"] = errors[CommentWriteResult.TextField] });
        }
        if (errors.ContainsKey(CommentWriteResult.AuthorField) || errors.ContainsKey(CommentWriteResult.EmailField))
        {
            return WpError.Of("rest_comment_author_data_required", "Creating a comment requires valid author name and email values.", StatusCodes.Status400BadRequest,
                new JsonObject { ["details"] = string.Join(" ", errors.Values) });
        }
        var problems = errors.ToDictionary(
            error => error.Key switch
            {
                CommentWriteResult.UrlField => "author_url",
                CommentWriteResult.ParentField => "parent",
                var other => other,
            },
            error => new WpProblem("rest_invalid_param", error.Value),
            StringComparer.Ordinal);
        return WpError.InvalidParams(problems);
    }
}
