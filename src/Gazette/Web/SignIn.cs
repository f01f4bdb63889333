using Microsoft.AspNetCore.Authentication.Cookies;

namespace Gazette.Web;

/// <summary>
/// The two ways a caller proves who it is: the newsroom's session cookie
/// (Admin) and an application password over HTTP Basic auth (the APIs; its
/// handler is the Accounts feature's, registered under <see cref="ApiScheme"/>). The cookie's name is what the output cache
/// looks for: a request carrying it is never served from or stored in the cache.
/// </summary>
public static class SignIn
{
    public const string CookieScheme = "Gazette.Session";
    public const string CookieName = "gazette_session";
    public const string ApiScheme = "Gazette.ApplicationPassword";
    public const string AdminPolicy = "Gazette.Admin";
    public const string ApiPolicy = "Gazette.Api";

    /// <summary>True when the request carries a sign-in cookie (chunked cookies add C1, C2 ... to the name).</summary>
    public static bool HasSessionCookie(HttpRequest request)
    {
        // Most requests carry no cookie at all: then nothing is parsed.
        if (request.Headers.Cookie.Count == 0)
        {
            return false;
        }
        foreach (var name in request.Cookies.Keys)
        {
            if (name.StartsWith(CookieName, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    public static IServiceCollection AddGazetteSignIn(this IServiceCollection services)
    {
        services.AddAuthentication()
            .AddCookie(CookieScheme, options =>
            {
                options.Cookie.Name = CookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.LoginPath = "/admin/login";
                options.LogoutPath = "/admin/logout";
                options.AccessDeniedPath = "/admin/";
                // The server-side session decides when sign-in ends (12 hours idle, 14 days in all): the ticket only carries its token.
                options.SlidingExpiration = false;
                options.ExpireTimeSpan = TimeSpan.FromDays(14);
            });
        var authorization = services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, policy => policy.AddAuthenticationSchemes(CookieScheme).RequireAuthenticatedUser())
            .AddPolicy(ApiPolicy, policy => policy.AddAuthenticationSchemes(ApiScheme).RequireAuthenticatedUser());
        foreach (var role in NewsroomRole.All)
        {
            authorization.AddPolicy(NewsroomRole.Policies.For(role), RoleAtLeast(role));
        }
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, GroupAuthorizationResultHandler>();
        return services;
    }

    private static Action<Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder> RoleAtLeast(string role) =>
        policy => policy.AddAuthenticationSchemes(CookieScheme).RequireAuthenticatedUser().RequireRole(NewsroomRole.AtLeast(role));
}
