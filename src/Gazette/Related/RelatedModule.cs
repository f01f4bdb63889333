using Gazette.Articles.Contracts;
using Gazette.Events;
using Gazette.Related.Contracts;
using Gazette.Rendering;
using Gazette.Web;

namespace Gazette.Related;

/// <summary>Related coverage under each article: stored lists kept by the event log and a backfill, shown through the article page's slot.</summary>
public sealed class RelatedModule : GazetteModule
{
    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddPublicArticleProjection<RelatedCoverage>();
        services.AddSingleton<IRelatedSlot, RelatedSlot>();
        services.AddSingleton<IRelatedArticles, RelatedArticles>();
        services.AddEvent<RelatedCoverageChanged>("related.changed");
        services.AddNodeSubscriber<ArticlePublished, RelatedCacheEviction>();
        services.AddNodeSubscriber<ArticleChanged, RelatedCacheEviction>();
        services.AddNodeSubscriber<RelatedCoverageChanged, RelatedCacheEviction>();
        services.AddThemeModels(typeof(RelatedView), typeof(RelatedLinkView));
    }
}
