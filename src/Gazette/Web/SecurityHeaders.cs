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
        // Keyed by instance: the three policies are singletons, and hashing a record would hash its text on every request.
        var rendered = new Dictionary<ContentSecurityPolicy, string>(ReferenceEqualityComparer.Instance);
        foreach (var policy in new[] { ContentSecurityPolicy.Public, ContentSecurityPolicy.Admin, ContentSecurityPolicy.Api })
        {
            rendered[policy] = policy.Render(cssHash);
        }
        // One callback for every request, given the request as its state: nothing is allocated per request.
        Func<object, Task> write = state =>
        {
            var http = (HttpContext)state;
            var policy = http.GetEndpoint()?.Metadata.GetMetadata<ContentSecurityPolicy>() ?? ContentSecurityPolicy.Public;
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = rendered[policy];
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        };
        return app.Use((context, next) =>
        {
            context.Response.OnStarting(write, context);
            return next(context);
        });
    }
}
