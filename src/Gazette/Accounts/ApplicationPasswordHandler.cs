using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Gazette.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Gazette.Accounts;

public sealed class ApplicationPasswordOptions : AuthenticationSchemeOptions;

/// <summary>
/// HTTP Basic auth with an application password, as WordPress takes it:
/// <c>Authorization: Basic base64(login-or-email:password)</c>. Only application
/// passwords sign in here, never the login password (a leaked app secret is
/// revoked alone; the login password stays behind the throttled form). The
/// caller gets a session's claims, so roles mean the same everywhere.
/// </summary>
public sealed class ApplicationPasswordHandler(
    IOptionsMonitor<ApplicationPasswordOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApplicationPasswordStore passwords)
    : AuthenticationHandler<ApplicationPasswordOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization.ToString(), out var header)
            || !header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        if (Credentials(header.Parameter) is not var (login, password))
        {
            return AuthenticateResult.Fail("Malformed Basic credentials.");
        }
        var user = await passwords.AuthenticateAsync(login, password, Context.Connection.RemoteIpAddress?.ToString(), Context.RequestAborted);
        if (user is null)
        {
            return AuthenticateResult.Fail("Unknown login or application password.");
        }
        var member = new NewsroomUser(user.Id, user.DisplayName, user.Role);
        var principal = new ClaimsPrincipal(new ClaimsIdentity(member.Claims(), Scheme.Name, ClaimTypes.Name, ClaimTypes.Role));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Basic realm=\"Gazette\", charset=\"UTF-8\"";
        return Task.CompletedTask;
    }

    /// <summary>The login and password of a Basic parameter, or null when it is not base64 of UTF-8 "login:password".</summary>
    public static (string Login, string Password)? Credentials(string? parameter)
    {
        var bytes = new byte[((parameter?.Length ?? 0) * 3 / 4) + 3];
        if (parameter is null || !Convert.TryFromBase64String(parameter, bytes, out var length))
        {
            return null;
        }
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes, 0, length);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon <= 0 ? null : (text[..colon], text[(colon + 1)..]);
    }
}
