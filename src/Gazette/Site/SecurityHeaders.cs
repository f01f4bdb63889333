using Gazette.Rendering;

namespace Gazette.Site;

/// <summary>
/// Headers every response carries. The policy allows no inline script at all;
/// the one inline stylesheet (the theme's critical CSS) is allowed by its hash.
/// </summary>
public static class SecurityHeaders
{
    public static string ContentSecurityPolicy(ThemeRenderer theme) =>
        "default-src 'self'; " +
        "script-src 'self'; " +
        $"style-src 'self' {theme.CriticalCssHash}; " +
        "img-src 'self' data:; " +
        "font-src 'self'; " +
        "connect-src 'self'; " +
        "form-action 'self'; " +
        "object-src 'none'; " +
        "base-uri 'none'; " +
        "frame-ancestors 'self'";

    public static IApplicationBuilder UseGazetteSecurityHeaders(this IApplicationBuilder app)
    {
        var theme = app.ApplicationServices.GetRequiredService<ThemeRenderer>();
        var policy = ContentSecurityPolicy(theme);
        return app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = policy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return next(context);
        });
    }
}
