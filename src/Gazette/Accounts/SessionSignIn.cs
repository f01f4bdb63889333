using System.Security.Claims;
using Gazette.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Gazette.Accounts;

/// <summary>
/// Ties the session cookie to <see cref="SessionStore"/>: the cookie carries only
/// the session's token, and every newsroom request looks the session up, so a
/// logout or a password change ends it on every node at once, and a role change
/// applies at the next click. A copied cookie of an ended session signs nobody in.
/// </summary>
public static class SessionSignIn
{
    public static IServiceCollection AddSessionSignIn(this IServiceCollection services)
    {
        services.AddOptions<CookieAuthenticationOptions>(SignIn.CookieScheme)
            .Configure(options => options.Events.OnValidatePrincipal = ValidateAsync);
        return services;
    }

    /// <summary>Signs <paramref name="user"/> in with a new server-side session.</summary>
    public static async Task SignInAsync(HttpContext context, User user, CancellationToken cancellationToken)
    {
        var sessions = context.RequestServices.GetRequiredService<SessionStore>();
        var token = await sessions.CreateAsync(user.Id, context.Connection.RemoteIpAddress?.ToString(), context.Request.Headers.UserAgent.ToString(), cancellationToken);
        var identity = new ClaimsIdentity([new Claim(NewsroomUser.SessionClaim, token)], SignIn.CookieScheme);
        await context.SignInAsync(SignIn.CookieScheme, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = false });
    }

    /// <summary>Ends the request's session on the server and removes its cookie.</summary>
    public static async Task SignOutAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (TokenOf(context.User) is { } token)
        {
            await context.RequestServices.GetRequiredService<SessionStore>().EndAsync(token, cancellationToken);
        }
        await context.SignOutAsync(SignIn.CookieScheme);
    }

    public static string? TokenOf(ClaimsPrincipal principal) => principal.FindFirstValue(NewsroomUser.SessionClaim);

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var token = context.Principal is { } principal ? TokenOf(principal) : null;
        var user = token is null
            ? null
            : await context.HttpContext.RequestServices.GetRequiredService<SessionStore>().FindUserAsync(token, context.HttpContext.RequestAborted);
        if (user is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(SignIn.CookieScheme);
            return;
        }
        var member = new NewsroomUser(user.Id, user.DisplayName, user.Role);
        context.ReplacePrincipal(new ClaimsPrincipal(new ClaimsIdentity(
            [.. member.Claims(), new Claim(NewsroomUser.SessionClaim, token!)], SignIn.CookieScheme, ClaimTypes.Name, ClaimTypes.Role)));
    }
}
