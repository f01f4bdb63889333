using System.ComponentModel;
using Gazette.Comments.Contracts;
using Gazette.Rendering;
using Gazette.Web;

namespace Gazette.NativeApi;

[Description("A comment waiting for a moderator. The commenter's email and address are never shown here.")]
public sealed record PendingComment(
    [property: Description("The comment's id (the newsroom shows it at /admin/comments/{id}).")] long Id,
    [property: Description("The article it was left on.")] long ArticleId,
    [property: Description("That article's headline.")] string ArticleTitle,
    [property: Description("That article's address, or null while it is not public.")] string? ArticleUrl,
    [property: Description("The comment it answers, or null.")] long? ParentId,
    [property: Description("The name the commenter gave.")] string AuthorName,
    [property: Description("The website the commenter gave, or empty.")] string AuthorUrl,
    [property: Description("The comment as it would be shown: sanitized HTML.")] string BodyHtml,
    [property: Description("When it was sent.")] DateTimeOffset CreatedAt,
    [property: Description("Why the moderation rules held it, or null.")] string? Reason,
    [property: Description("How many times readers reported it.")] int ReportCount);

[Description("How many comments each status holds.")]
public sealed record CommentCounts(
    [property: Description("Waiting for a moderator.")] int Pending,
    [property: Description("Shown to readers.")] int Approved,
    [property: Description("Marked as spam.")] int Spam,
    [property: Description("In the trash.")] int Trash);

[Description("A page of the moderation queue, newest first.")]
public sealed record PendingComments(
    [property: Description("This page's number, from 1.")] int Page,
    [property: Description("Comments a page.")] int PerPage,
    [property: Description("How many pages the queue fills (at least 1).")] int PageCount,
    CommentCounts Counts,
    IReadOnlyList<PendingComment> Comments);

/// <summary><c>GET /api/v1/comments/pending</c>: the moderation queue with every status's count, for editors and administrators.</summary>
public static class PendingCommentsEndpoint
{
    public const int DefaultPerPage = 20;
    public const int MaxPerPage = 100;

    public static void Map(RouteGroupBuilder callers) =>
        callers.MapGet("/comments/pending", ListAsync)
            .WithName("ApiGetPendingComments")
            .WithTags("Comments")
            .WithSummary("The moderation queue")
            .WithDescription("Comments waiting for a moderator, newest first, with how many comments each status holds. Editors and administrators only (403 for other roles). This API only reads the queue: a comment is approved, marked as spam or trashed in the newsroom.")
            .Produces<PendingComments>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .AddOpenApiOperationTransformer(PagingParameters.Describe(DefaultPerPage, MaxPerPage));

    private static async Task<IResult> ListAsync(
        HttpContext context, IModerationListings moderation, PageRenderer pages,
        [Description("The page, from 1.")] string? page,
        [Description("Comments a page, from 1 to 100; 20 unless given.")] string? perPage,
        CancellationToken cancellationToken)
    {
        var check = new QueryCheck();
        var size = check.Number(perPage, "perPage", DefaultPerPage, 1, MaxPerPage);
        var number = check.Number(page, "page", 1, 1, int.MaxValue);
        if (!check.IsValid)
        {
            return ApiProblems.Invalid(check.Errors);
        }
        var caller = NewsroomUser.Of(context);
        if (await moderation.ListAsync(caller, CommentStatus.Pending, number, size, cancellationToken) is not { } listing)
        {
            return ApiProblems.Forbidden("Only editors and administrators moderate comments.");
        }
        if (listing.Page != number)
        {
            check.Fail("page", $"page is a whole number from 1 to {listing.PageCount}: the queue fills {listing.PageCount} page(s).");
            return ApiProblems.Invalid(check.Errors);
        }
        int Count(string status) => listing.Counts.TryGetValue(status, out var count) ? count : 0;
        return Results.Ok(new PendingComments(listing.Page, size, listing.PageCount,
            new CommentCounts(Count(CommentStatus.Pending), Count(CommentStatus.Approved), Count(CommentStatus.Spam), Count(CommentStatus.Trash)),
            [.. listing.Comments.Select(comment => new PendingComment(comment.Id, comment.ArticleId, comment.ArticleTitle,
                comment.ArticlePath is { } path ? pages.Absolute(context.Request, path) : null, comment.ParentId, comment.AuthorName, comment.AuthorUrl,
                comment.BodyHtml, comment.CreatedAt, comment.Reason, comment.ReportCount))]));
    }
}
