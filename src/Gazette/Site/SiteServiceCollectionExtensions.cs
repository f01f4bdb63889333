using Gazette.Articles;
using Gazette.Caching;
using Gazette.Comments;
using Gazette.Rendering;
using Gazette.Seeding;
using Microsoft.Extensions.FileProviders;

namespace Gazette.Site;

public static class SiteServiceCollectionExtensions
{
    public static IServiceCollection AddGazetteSite(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SiteOptions>(configuration.GetSection(SiteOptions.Section));
        services.AddSingleton<ThemeRenderer>();
        services.AddSingleton<MarkdownRenderer>();
        services.AddSingleton<PageCache>();
        services.AddHostedService<CacheEvictionListener>();
        services.AddGazetteComments(configuration);
        services.AddSingleton<PageRenderer>();
        services.AddSingleton<PublicArticleReader>();
        services.AddSingleton<TaxonomyStore>();
        services.AddSingleton<ArticlePublisher>();
        services.AddSingleton<SampleContent>();
        services.AddOutputCache(options =>
        {
            options.SizeLimit = configuration.GetValue("Gazette:Cache:SizeLimitMB", 256L) * 1024 * 1024;
            options.MaximumBodySize = 4 * 1024 * 1024;
            options.DefaultExpirationTimeSpan = PublicPagePolicy.Lifetime;
        });
        return services;
    }

    /// <summary>Middleware and routes of the public site, in the order docs/routing.md describes.</summary>
    public static WebApplication MapGazetteSite(this WebApplication app)
    {
        app.UseGazetteSecurityHeaders();
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = app.Services.GetRequiredService<ThemeRenderer>().AssetFiles,
            RequestPath = "/assets",
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "public, max-age=86400",
        });
        // Routing after static files: the catch-all 404 endpoint would otherwise claim /assets/ too.
        app.UseRouting();
        app.UseOutputCache();
        app.UseRateLimiter();
        app.MapListingPages();
        app.MapArticlePages();
        app.MapCommentEndpoints();
        // "{**path}" rather than the default, which leaves paths that look like files (wp-login.php) to a bare 404.
        app.MapFallback("{**path}", async (PageRenderer pages, CancellationToken cancellationToken) => await pages.NotFoundAsync(cancellationToken));
        return app;
    }
}
