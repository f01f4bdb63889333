using Gazette.Rendering;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Gazette.Web;

/// <summary>
/// Refusals in each group's own shape: the API answers problem+json (401 with
/// a Basic challenge for an application password, 403); the newsroom sends an anonymous visitor to the
/// login page (the cookie scheme's challenge) and shows a signed-in user who
/// may not go there a 403 page rather than redirecting.
/// </summary>
public sealed class GroupAuthorizationResultHandler(PageRenderer pages) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        var group = context.GetEndpoint()?.Metadata.GetMetadata<TrustGroupMetadata>()?.Group;
        if (group == TrustGroup.Api && !authorizeResult.Succeeded)
        {
            var status = authorizeResult.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized;
            if (status == StatusCodes.Status401Unauthorized)
            {
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"Gazette\", charset=\"UTF-8\"";
            }
            await Results.Problem(
                statusCode: status,
                title: status == StatusCodes.Status401Unauthorized ? "Send a login and one of its application passwords: Authorization: Basic." : "Your role may not use this route.")
                .ExecuteAsync(context);
            return;
        }
        if (group == TrustGroup.Admin && authorizeResult.Forbidden && AsksForJson(context.Request))
        {
            // The newsroom's scripts (an upload by drag and drop) read JSON, not a page.
            await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Your role does not allow this.").ExecuteAsync(context);
            return;
        }
        if (group == TrustGroup.Admin && authorizeResult.Forbidden)
        {
            var page = await pages.NoticeAsync(StatusCodes.Status403Forbidden, "Not allowed",
                "Your role does not allow this page. Ask an administrator if you need it.", "/admin/", context.RequestAborted);
            await page.ExecuteAsync(context);
            return;
        }
        await _default.HandleAsync(next, context, policy, authorizeResult);
    }

    private static bool AsksForJson(HttpRequest request) =>
        request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);
}
