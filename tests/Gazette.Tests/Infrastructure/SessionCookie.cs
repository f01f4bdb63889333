using System.Security.Claims;
using Gazette.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gazette.Tests.Infrastructure;

/// <summary>
/// A real session cookie of the host's cookie scheme, made with its own ticket
/// format: the test sign-in until accounts exist to sign in with.
/// </summary>
public static class SessionCookie
{
    public static string For(IServiceProvider services, string name = "editor")
    {
        var options = services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(SignIn.CookieScheme);
        var ticket = new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], SignIn.CookieScheme)), SignIn.CookieScheme);
        return $"{SignIn.CookieName}={options.TicketDataFormat.Protect(ticket)}";
    }
}
