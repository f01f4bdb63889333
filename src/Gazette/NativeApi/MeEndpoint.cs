using System.ComponentModel;
using Gazette.Web;

namespace Gazette.NativeApi;

[Description("What the caller's role lets it do.")]
public sealed record CallerAbilities(
    [property: Description("Publish its own articles (authors and up); contributors only submit them for review.")] bool Publish,
    [property: Description("Upload images (authors and up).")] bool Upload,
    [property: Description("Edit every article, section and tag (editors and administrators).")] bool EditOthers,
    [property: Description("Moderate comments (editors and administrators).")] bool Moderate,
    [property: Description("Manage members and settings (administrators).")] bool Administer);

[Description("The newsroom member the request is made as.")]
public sealed record Caller(
    [property: Description("The member's id.")] long Id,
    [property: Description("The member's display name.")] string Name,
    [property: Description("administrator, editor, author or contributor.")] string Role,
    CallerAbilities Can);

/// <summary><c>GET /api/v1/me</c>: who the credentials belong to and what they may do, so an integration can check its setup.</summary>
public static class MeEndpoint
{
    public static void Map(RouteGroupBuilder callers) =>
        callers.MapGet("/me", Read)
            .WithName("ApiGetCaller")
            .WithTags("Caller")
            .WithSummary("The caller")
            .WithDescription("The member whose application password signed the request, its role and what that role may do.")
            .Produces<Caller>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

    private static IResult Read(HttpContext context)
    {
        var user = NewsroomUser.Of(context);
        return Results.Ok(new Caller(user.Id, user.Name, user.Role,
            new CallerAbilities(user.CanPublish, user.CanUpload, user.CanEditOthers, user.CanModerate, user.IsAdministrator)));
    }
}
