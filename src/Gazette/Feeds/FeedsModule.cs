using Gazette.Articles.Contracts;
using Gazette.Comments.Contracts;
using Gazette.Events;
using Gazette.Web;

namespace Gazette.Feeds;

/// <summary>RSS 2.0, Atom and JSON Feed for the site, its sections, tags, authors and comments, kept fresh by the event log.</summary>
public sealed class FeedsModule : GazetteModule
{
    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<FeedOptions>(configuration.GetSection(FeedOptions.Section));
        foreach (var setting in FeedSettings.All)
        {
            services.AddSingleton(setting);
        }
        services.AddSingleton<FeedSources>();
        services.AddSingleton<IArticleFeed, ArticleCommentFeed>();
        services.AddNodeSubscriber<ArticlePublished, FeedCacheEviction>();
        services.AddNodeSubscriber<ArticleChanged, FeedCacheEviction>();
        services.AddNodeSubscriber<LiveBlogUpdated, FeedCacheEviction>();
        services.AddNodeSubscriber<SectionMoved, FeedCacheEviction>();
        services.AddNodeSubscriber<CommentSubmitted, FeedCacheEviction>();
        services.AddNodeSubscriber<CommentStatusChanged, FeedCacheEviction>();
        services.AddNodeSubscriber<CommentDeleted, FeedCacheEviction>();
        services.AddNodeSubscriber<CommentEdited, FeedCacheEviction>();
    }

    public override void MapEndpoints(RouteGroups groups) => FeedEndpoints.Map(groups);
}
