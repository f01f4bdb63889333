using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Gazette.Articles;
using Gazette.Caching;
using Gazette.Rendering;
using Gazette.Security;
using Gazette.Site;
using Microsoft.Extensions.Options;

namespace Gazette.Comments;

/// <summary>
/// The commenter's routes: posting (POST /comments/, post/redirect/get), the
/// fill-time stamp (GET /comments/stamp, never cached) and reporting
/// (POST /comments/{id}/report, rate-limited per address).
/// </summary>
public static class CommentEndpoints
{
    public const string ReportLimit = "comment-reports";

    public static IServiceCollection AddCommentRateLimits(this IServiceCollection services) =>
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(10);
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                var pages = rejected.HttpContext.RequestServices.GetRequiredService<PageRenderer>();
                var page = await NoticeAsync(pages, StatusCodes.Status429TooManyRequests, "Slow down",
                    $"You have sent many reports in a short time. Please wait {seconds} seconds.", "/", cancellationToken);
                await page.ExecuteAsync(rejected.HttpContext);
            };
            options.AddPolicy(ReportLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 10, Window = TimeSpan.FromMinutes(10), QueueLimit = 0 }));
        });

    public static void MapCommentEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/comments");
        group.MapPost("/", PostAsync).WithName("PostComment").DisableAntiforgery();
        group.MapGet("/stamp", (FillStamps stamps, HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return Results.Text(stamps.Issue());
        }).WithName("CommentFillStamp");
        group.MapPost("/{id:long}/report", ReportAsync).WithName("ReportComment").DisableAntiforgery().RequireRateLimiting(ReportLimit);
    }

    private static async Task<IResult> PostAsync(HttpContext context, CommentService service, PageRenderer pages, CancellationToken cancellationToken)
    {
        if (CrossSiteGuard.IsCrossSite(context.Request))
        {
            return await NoticeAsync(pages, StatusCodes.Status403Forbidden, "Comment refused",
                "This comment was sent from another site, so it was refused. Please post it from the article's own page.", "/", cancellationToken);
        }
        if (!context.Request.HasFormContentType)
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send the comment form as application/x-www-form-urlencoded.");
        }
        var form = CommentForm.Read(await context.Request.ReadFormAsync(cancellationToken));
        var outcome = await service.SubmitAsync(form, context.Connection.RemoteIpAddress?.ToString(), context.Request.Headers.UserAgent.ToString(), cancellationToken);
        switch (outcome)
        {
            case CommentOutcome.Accepted accepted:
                context.Response.Headers.Location = accepted.RedirectUrl;
                return Results.StatusCode(StatusCodes.Status303SeeOther);
            case CommentOutcome.Invalid invalid:
                return await ArticlePages.RenderAsync(context, new DiscussionRequest(invalid.Article, Form: invalid.Form, Errors: invalid.Errors),
                    StatusCodes.Status422UnprocessableEntity, personal: true, cancellationToken);
            case CommentOutcome.Duplicate duplicate:
                return await NoticeAsync(pages, StatusCodes.Status409Conflict, "Duplicate comment",
                    "It looks as though you’ve already said that: the same comment is already on this article.", UrlOf(duplicate.Article), cancellationToken);
            case CommentOutcome.Flooded flooded:
                var seconds = Math.Max(1, (int)Math.Ceiling(flooded.RetryAfter.TotalSeconds));
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return await NoticeAsync(pages, StatusCodes.Status429TooManyRequests, "Slow down",
                    $"You are posting comments too quickly. Please wait {seconds} seconds and send it again.", UrlOf(flooded.Article), cancellationToken);
            case CommentOutcome.Closed closed:
                return await NoticeAsync(pages, StatusCodes.Status403Forbidden, "Comments are closed",
                    "Comments are closed on this article.", UrlOf(closed.Article), cancellationToken);
            default:
                return await pages.NotFoundAsync(cancellationToken);
        }
    }

    private static async Task<IResult> ReportAsync(long id, HttpContext context, CommentStore comments, ArticleStore articles, PageCache cache,
        PageRenderer pages, InstallSecret secret, IOptionsMonitor<DiscussionOptions> options, CancellationToken cancellationToken)
    {
        if (CrossSiteGuard.IsCrossSite(context.Request))
        {
            return await NoticeAsync(pages, StatusCodes.Status403Forbidden, "Report refused", "This report was sent from another site, so it was refused.", "/", cancellationToken);
        }
        var comment = await comments.FindAsync(id, cancellationToken);
        var article = comment is null ? null : await articles.FindAsync(comment.ArticleId, cancellationToken);
        if (comment is null || article?.PublishedAt is null)
        {
            return await pages.NotFoundAsync(cancellationToken);
        }
        // Reporters are told apart by address, kept only as a keyed hash.
        var reporter = Convert.ToHexStringLower(HMACSHA256.HashData(secret.DeriveKey("comments:reporter"),
            Encoding.UTF8.GetBytes(context.Connection.RemoteIpAddress?.ToString() ?? "unknown")));
        var held = await comments.ReportAsync(id, reporter, options.CurrentValue.ReportThreshold, cancellationToken);
        if (held is { } heldArticle)
        {
            await cache.EvictAsync([CacheTags.Article(heldArticle)], cancellationToken);
        }
        return await NoticeAsync(pages, StatusCodes.Status200OK, "Thank you",
            "Thank you for the report. Moderators will look at this comment.", UrlOf(article) + "#comment-" + id.ToString(CultureInfo.InvariantCulture), cancellationToken);
    }

    private static string UrlOf(Article article) => Permalinks.Of(article);

    private static Task<IResult> NoticeAsync(PageRenderer pages, int statusCode, string heading, string message, string backUrl, CancellationToken cancellationToken) =>
        pages.RenderAsync(
            "comment-notice",
            new PageMeta(heading, message, null, NoIndex: true),
            new Dictionary<string, object?> { ["notice"] = new CommentNoticeView(heading, message, backUrl) },
            statusCode,
            HtmlPage.Private,
            cancellationToken);
}
