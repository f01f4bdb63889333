using Gazette.Rendering;

namespace Gazette.Web;

/// <summary>
/// Headers every response carries, the Content-Security-Policy chosen by the
/// endpoint's route group. They are written as the response starts, when the
/// endpoint is known (static files and unrouted answers get the public policy).
/// </summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseGazetteSecurityHeaders(this IApplicationBuilder app)
    {
        var cssHash = app.ApplicationServices.GetRequiredService<ThemeRenderer>().CriticalCssHash;
        var policies = new[] { ContentSecurityPolicy.Public, ContentSecurityPolicy.Admin, ContentSecurityPolicy.Api }
            .ToDictionary(policy => policy, policy => policy.Render(cssHash));
        return app.Use((context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var (http, rendered) = ((HttpContext, Dictionary<ContentSecurityPolicy, string>))state;
                var policy = http.GetEndpoint()?.Metadata.GetMetadata<ContentSecurityPolicy>() ?? ContentSecurityPolicy.Public;
                var headers = http.Response.Headers;
                headers.ContentSecurityPolicy = rendered[policy];
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                return Task.CompletedTask;
            }, (context, policies));
            return next(context);
        });
    }
}
