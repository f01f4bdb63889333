using System.CommandLine;
using Gazette.Articles.Contracts;
using Gazette.Comments.Contracts;
using Gazette.Events;
using Gazette.Hosting;
using Gazette.Media.Contracts;
using Gazette.Jobs;
using Gazette.Rendering;
using Gazette.Web;
using Gazette.Web.Admin;

namespace Gazette.Articles;

/// <summary>Articles and pages, their sections, tags and bylines: the public site's pages and the counters they show, and the newsroom's writing desk (editor, revisions, autosaves, locks, preview links, scheduling).</summary>
public sealed class ArticlesModule : GazetteModule
{
    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PermalinkOptions>(configuration.GetSection(SiteOptions.Section));
        services.AddSingleton<Permalinks>();
        services.AddSingleton<PublicPaths>();
        services.AddSingleton(PermalinkSetting.Editable);
        services.AddSingleton<ArticleStore>();
        services.AddSingleton<PublicArticleReader>();
        services.AddSingleton<IArticleDirectory>(sp => sp.GetRequiredService<PublicArticleReader>());
        services.AddSingleton<PublicArticleCatalog>();
        services.AddSingleton<IPublicArticles>(provider => provider.GetRequiredService<PublicArticleCatalog>());
        services.AddSingleton<IPublicArticleQueries, PublicArticleQueryStore>();
        services.AddSingleton<IArticleExport, ArticleExportReader>();
        services.AddSingleton<IPublicSlugs, PublicSlugs>();
        services.AddSingleton<TaxonomyStore>();
        services.AddSingleton<TermDescriptions>();
        services.AddSingleton<SectionParents>();
        services.AddSingleton<SectionNavigation>();
        services.AddSingleton<ISiteNavigation>(sp => sp.GetRequiredService<SectionNavigation>());
        services.AddSingleton<ArticlePublisher>();
        services.AddSingleton<IArticleImport, ArticleImport>();
        services.AddSingleton<ArticleEditor>();
        services.AddSingleton<IArticleWrites, ArticleWrites>();
        services.AddSingleton<ITermWrites, TermWrites>();
        services.AddSingleton<ArticleRevisions>();
        services.AddSingleton<ArticleAutosaves>();
        services.AddSingleton<ArticleLocks>();
        services.AddSingleton<PreviewLinks>();
        services.AddSingleton<ArticleListing>();
        services.AddSingleton<ArticleRedirects>();
        services.AddSingleton<PreviewPages>();
        services.AddSingleton<ScheduledPublishing>();
        services.AddSingleton<IPeriodicJob>(sp => sp.GetRequiredService<ScheduledPublishing>());
        services.AddSingleton<ArticlePages>();
        services.Configure<LiveBlogOptions>(configuration.GetSection(LiveBlogOptions.Section));
        services.AddSingleton<LiveBlogPages>();
        services.AddSingleton<LiveDesk>();
        services.AddSingleton<StaticPages>();
        services.AddSingleton<IMediaReferences, ArticleMediaReferences>();
        services.AddSingleton<IArticlePage>(sp => sp.GetRequiredService<ArticlePages>());
        services.AddSingleton<SampleContent>();
        services.AddSingleton<IStartupTask>(sp => sp.GetRequiredService<SampleContent>());
        services.AddSingleton<FrontDesk>();
        services.AddSingleton<FrontPages>();
        services.AddSingleton<BreakingNewsDesk>();
        services.AddPageSlot<BreakingNewsSlot>(BreakingNewsSlot.Name);
        services.AddSingleton<IStartupTask>(sp => sp.GetRequiredService<BreakingNewsSlot>());
        services.AddAdminMenuItem(new AdminMenuItem("Articles", "/admin/articles", NewsroomRole.Contributor, 10));
        services.AddAdminMenuItem(new AdminMenuItem("Pages", "/admin/articles?kind=page", NewsroomRole.Editor, 15));
        services.AddAdminMenuItem(new AdminMenuItem("Breaking news", "/admin/breaking", NewsroomRole.Editor, 13));
        services.AddAdminMenuItem(new AdminMenuItem("Fronts", "/admin/front", NewsroomRole.Editor, 16));
        services.AddAdminMenuItem(new AdminMenuItem("Navigation", "/admin/navigation", NewsroomRole.Editor, 17));
        services.AddAdminMenuItem(new AdminMenuItem("Descriptions", "/admin/descriptions", NewsroomRole.Editor, 18));
        services.AddAdminMenuItem(new AdminMenuItem("Sections", "/admin/sections", NewsroomRole.Editor, 19));
        services.AddDashboardPanel<Admin.ArticlesDashboardPanel>();
        services.AddThemeModels(typeof(ArticleView), typeof(BylineView), typeof(NoticeView), typeof(ArticleCard), typeof(ListingView), typeof(SectionBlock), typeof(BreakingView), typeof(SectionsView), typeof(SectionEntry),
            typeof(LiveView), typeof(LiveEntryView));

        services.AddEvent<ArticlePublished>("article.published");
        services.AddEvent<ArticleChanged>("article.changed");
        services.AddNodeSubscriber<ArticlePublished, ArticleCacheEviction>();
        services.AddNodeSubscriber<ArticleChanged, ArticleCacheEviction>();
        services.AddEvent<TermDescribed>("term.described");
        services.AddEvent<TermCreated>("term.created");
        services.AddNodeSubscriber<TermDescribed, ArticleCacheEviction>();
        services.AddEvent<SectionMoved>("section.moved");
        services.AddNodeSubscriber<SectionMoved, ArticleCacheEviction>();
        services.AddEvent<FrontChanged>("front.changed");
        services.AddNodeSubscriber<FrontChanged, ArticleCacheEviction>();
        services.AddEvent<BreakingNewsChanged>("breaking.changed");
        services.AddNodeSubscriber<BreakingNewsChanged, BreakingNewsReload>();
        services.AddEvent<LiveBlogUpdated>("live.updated");
        services.AddNodeSubscriber<LiveBlogUpdated, ArticleCacheEviction>();
        services.AddTransactionSubscriber<CommentSubmitted, CommentCountKeeper>();
        services.AddTransactionSubscriber<CommentStatusChanged, CommentCountKeeper>();
        services.AddTransactionSubscriber<CommentDeleted, CommentCountKeeper>();
    }

    public override void MapEndpoints(RouteGroups groups)
    {
        ListingPages.Map(groups);
        PublicPaths.Map(groups);
        PreviewPages.Map(groups);
    }

    public override IEnumerable<Command> Commands(ICommandHost host) => [GenerateCommand.Create(host)];
}
