using Gazette.Articles.Contracts;
using Gazette.Events;
using Gazette.Web;

namespace Gazette.Sitemaps;

/// <summary>/sitemap.xml and its files, /news-sitemap.xml and /robots.txt, from what the public may see (<see cref="IPublicArticles"/>).</summary>
public sealed class SitemapsModule : GazetteModule
{
    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SitemapOptions>(configuration.GetSection(SitemapOptions.Section));
        services.AddSingleton<SitemapBlocks>();
        services.AddSingleton<SitemapAddress>();
        services.AddNodeSubscriber<ArticlePublished, SitemapCacheEviction>();
        services.AddNodeSubscriber<ArticleChanged, SitemapCacheEviction>();
    }

    public override void MapEndpoints(RouteGroups groups)
    {
        SitemapEndpoints.Map(groups);
        RobotsTxt.Map(groups);
    }
}
