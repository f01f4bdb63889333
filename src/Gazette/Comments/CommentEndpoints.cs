using System.Globalization;
using Gazette.Articles.Contracts;
using Gazette.Rendering;
using Gazette.Storage;
using Gazette.Web;

namespace Gazette.Comments;

/// <summary>
/// The commenter's routes, in the Reader writes group (cross-site guard,
/// no-store): posting (POST /comments/, post/redirect/get), the fill-time
/// stamp (GET /comments/stamp) and reporting (POST /comments/{id}/report,
/// rate-limited per address).
/// </summary>
public static class CommentEndpoints
{
    public const string ReportLimit = "comment-reports";

    public static readonly ReaderRateLimit Reports = new(10, TimeSpan.FromMinutes(10),
        seconds => $"You have sent many reports in a short time. Please wait {seconds} seconds.");

    public static void Map(RouteGroups groups)
    {
        var group = groups.ReaderWrites.MapGroup("/comments");
        group.MapPost("/", PostAsync).WithName("PostComment");
        group.MapGet("/stamp", (FillStamps stamps) => Results.Text(stamps.Issue())).WithName("CommentFillStamp");
        group.MapPost("/{id:long}/report", ReportAsync).WithName("ReportComment").RequireRateLimiting(ReportLimit);
    }

    private static async Task<IResult> PostAsync(HttpContext context, CommentService service, IArticlePage articlePage, PageRenderer pages, CancellationToken cancellationToken)
    {
        if (!context.Request.HasFormContentType)
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send the comment form as application/x-www-form-urlencoded.");
        }
        var form = CommentForm.Read(await context.Request.ReadFormAsync(cancellationToken));
        CommentOutcome outcome;
        try
        {
            outcome = await service.SubmitAsync(form, context.Connection.RemoteIpAddress?.ToString(), context.Request.Headers.UserAgent.ToString(), await NewsroomUser.SignedInAsync(context), cancellationToken);
        }
        catch (Exception ex) when (StorageFailure.Is(ex))
        {
            return await NotSavedAsync(context, form, ex, articlePage, pages, cancellationToken);
        }
        switch (outcome)
        {
            case CommentOutcome.Accepted accepted:
                context.Response.Headers.Location = accepted.RedirectUrl;
                return Results.StatusCode(StatusCodes.Status303SeeOther);
            case CommentOutcome.Invalid invalid:
                return await articlePage.RenderAsync(context, invalid.Article.Id, new RefusedForm(invalid.Form, invalid.Errors),
                    StatusCodes.Status422UnprocessableEntity, cancellationToken);
            case CommentOutcome.Duplicate duplicate:
                return await pages.NoticeAsync(StatusCodes.Status409Conflict, "Duplicate comment",
                    "It looks as though you’ve already said that: the same comment is already on this article.", duplicate.Article.Url, cancellationToken);
            case CommentOutcome.Flooded flooded:
                var seconds = Math.Max(1, (int)Math.Ceiling(flooded.RetryAfter.TotalSeconds));
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return await pages.NoticeAsync(StatusCodes.Status429TooManyRequests, "Slow down",
                    $"You are posting comments too quickly. Please wait {seconds} seconds and send it again.", flooded.Article.Url, cancellationToken);
            case CommentOutcome.Closed closed:
                return await pages.NoticeAsync(StatusCodes.Status403Forbidden, "Comments are closed",
                    "Comments are closed on this article.", closed.Article.Url, cancellationToken);
            default:
                return await pages.NotFoundAsync(cancellationToken);
        }
    }

    /// <summary>
    /// The storage failed: 503 and Retry-After, with the reader's comment in the
    /// form on the article page, or, when even that page cannot be read, in the
    /// form on a notice. Nothing the reader typed is lost.
    /// </summary>
    private static async Task<IResult> NotSavedAsync(HttpContext context, CommentForm form, Exception failure, IArticlePage articlePage, PageRenderer pages,
        CancellationToken cancellationToken)
    {
        StorageFailureAnswer.Prepare(context, failure);
        var refused = new RefusedForm(form, new Dictionary<string, string> { [CommentForm.WholeForm] = NotSavedMessage });
        try
        {
            return await articlePage.RenderAsync(context, form.ArticleId, refused, StatusCodes.Status503ServiceUnavailable, cancellationToken);
        }
        catch (Exception ex) when (StorageFailure.Is(ex))
        {
            var formView = DiscussionSlot.FormView(form.ArticleId, "#respond", null, refused);
            return await pages.NoticeAsync(StatusCodes.Status503ServiceUnavailable, "Not saved", NotSavedMessage, "/",
                new Dictionary<string, object?> { ["form"] = formView }, cancellationToken);
        }
    }

    public const string NotSavedMessage = "We could not save your comment. Nothing was lost; please try again in a minute.";


    private static async Task<IResult> ReportAsync(long id, HttpContext context, CommentStore comments, IArticleDirectory articles, CommentModerator moderator,
        PageRenderer pages, CancellationToken cancellationToken)
    {
        var comment = await comments.FindAsync(id, cancellationToken);
        var article = comment is null ? null : await articles.FindVisibleAsync(comment.ArticleId, cancellationToken);
        if (comment is null || article is null)
        {
            return await pages.NotFoundAsync(cancellationToken);
        }
        await moderator.ReportAsync(id, context.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        return await pages.NoticeAsync(StatusCodes.Status200OK, "Thank you",
            "Thank you for the report. Moderators will look at this comment.", article.Url + "#comment-" + id.ToString(CultureInfo.InvariantCulture), cancellationToken);
    }
}
