using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Gazette.Web;

public sealed class ApiTokenOptions : AuthenticationSchemeOptions;

/// <summary>
/// Bearer tokens for the API group. No token can be issued yet (tokens arrive
/// with the integrators' API, issue 12), so every presented token is unknown
/// and the API answers 401; cookies are never read here.
/// </summary>
public sealed class ApiTokenHandler(IOptionsMonitor<ApiTokenOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<ApiTokenOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        return Task.FromResult(AuthenticateResult.Fail("Unknown API token."));
    }
}
