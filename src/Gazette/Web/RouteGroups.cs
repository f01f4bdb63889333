using Gazette.Caching;
using Gazette.Rendering;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.OutputCaching;

namespace Gazette.Web;

/// <summary>
/// The five route groups. Each declares here, once, who may call it, how its
/// answers are cached, its Content-Security-Policy, antiforgery and limits;
/// modules map their endpoints into the group that fits, and may narrow (a
/// page's query keys, a rate limit) but not widen what the group allows.
/// </summary>
public sealed class RouteGroups
{
    public RouteGroups(IEndpointRouteBuilder routes, PageCache cache)
    {
        Cache = cache;
        Services = routes.ServiceProvider;
        CacheMetrics = Services.GetRequiredService<PageCacheMetrics>();
        Public = routes.MapGroup("")
            .WithMetadata(new TrustGroupMetadata(TrustGroup.Public), ContentSecurityPolicy.Public)
            .AllowAnonymous()
            .DisableAntiforgery()
            .CacheOutput(PublicPage());
        ReaderWrites = routes.MapGroup("")
            .WithMetadata(new TrustGroupMetadata(TrustGroup.ReaderWrites), ContentSecurityPolicy.Public)
            .AllowAnonymous()
            // No cookie-bound token on anonymous forms (pages stay cacheable): the cross-site guard refuses forgeries instead.
            .DisableAntiforgery()
            .AddEndpointFilter(NoStore)
            .AddEndpointFilter(CrossSiteGuard.Filter);
        Admin = routes.MapGroup("/admin")
            .WithMetadata(new TrustGroupMetadata(TrustGroup.Admin), ContentSecurityPolicy.Admin, new RequireAntiforgeryTokenAttribute())
            .RequireAuthorization(SignIn.AdminPolicy)
            .AddEndpointFilter(NoStore)
            .AddEndpointFilter(RefuseForgeries);
        PublicApi = routes.MapGroup("")
            .WithMetadata(new TrustGroupMetadata(TrustGroup.PublicApi), ContentSecurityPolicy.Api)
            .AllowAnonymous()
            .DisableAntiforgery()
            .CacheOutput(PublicPage());
        Api = routes.MapGroup("/api")
            .WithMetadata(new TrustGroupMetadata(TrustGroup.Api), ContentSecurityPolicy.Api)
            .RequireAuthorization(SignIn.ApiPolicy)
            .DisableAntiforgery()
            .AddEndpointFilter(NoStore);
    }

    public RouteGroupBuilder Public { get; }

    public RouteGroupBuilder ReaderWrites { get; }

    public RouteGroupBuilder Admin { get; }

    public RouteGroupBuilder PublicApi { get; }

    public RouteGroupBuilder Api { get; }

    /// <summary>The application's services, for modules that need one while they map (a contract another module implements).</summary>
    public IServiceProvider Services { get; }

    private PageCache Cache { get; }

    private PageCacheMetrics CacheMetrics { get; }

    /// <summary>
    /// The cache policy of a public page or document: keyed by path and only
    /// <paramref name="queryKeys"/>; never cached when the request has any of
    /// <paramref name="personalKeys"/> (a reader's own view).
    /// </summary>
    public IOutputCachePolicy PublicPage(string[]? queryKeys = null, string[]? personalKeys = null, TimeSpan? lifetime = null) =>
        new PublicPagePolicy(Cache, CacheMetrics, queryKeys ?? [], personalKeys ?? [], lifetime ?? PublicPagePolicy.Lifetime, SignIn.HasSessionCookie);

    /// <summary>
    /// The antiforgery middleware only records its verdict (minimal APIs act on it
    /// when they bind a form); the newsroom refuses every write without a valid token.
    /// </summary>
    private static async ValueTask<object?> RefuseForgeries(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        return IsForged(http) ? await ForgeryRefusalAsync(http) : await next(context);
    }

    /// <summary>True when the antiforgery middleware found this request's token missing or wrong.</summary>
    public static bool IsForged(HttpContext context) => context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false };

    public static async Task<IResult> ForgeryRefusalAsync(HttpContext context) =>
        await context.RequestServices.GetRequiredService<PageRenderer>().NoticeAsync(StatusCodes.Status400BadRequest, "Form expired",
            "This form has expired or was not sent from Gazette’s own page. Open the page again and send it once more.", context.Request.Path, context.RequestAborted);

    private static async ValueTask<object?> NoStore(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        context.HttpContext.Response.Headers.CacheControl = "no-store";
        return await next(context);
    }
}
