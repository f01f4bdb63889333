using Gazette.Articles.Contracts;
using Gazette.Caching;
using Gazette.Comments.Contracts;
using Gazette.Events;
using Gazette.Media.Contracts;
using Gazette.Web;

namespace Gazette.WordPressApi;

/// <summary>
/// WordPress's REST API at <c>/wp-json/</c>, so the apps and services built for
/// a WordPress site keep working after the move: anonymous reads, and writes
/// by members signed in with application passwords, from other features'
/// contracts only, in the Public API group (cached, tagged, <c>default-src 'none'</c>).
/// </summary>
public sealed class WordPressApiModule : GazetteModule
{
    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WpWriteOptions>(configuration.GetSection(WpWriteOptions.Section));
        services.AddNodeSubscriber<ArticlePublished, WpCacheEviction>();
        services.AddNodeSubscriber<ArticleChanged, WpCacheEviction>();
        services.AddNodeSubscriber<LiveBlogUpdated, WpCacheEviction>();
        services.AddNodeSubscriber<SectionMoved, WpCacheEviction>();
        services.AddNodeSubscriber<CommentSubmitted, WpCacheEviction>();
        services.AddNodeSubscriber<CommentStatusChanged, WpCacheEviction>();
        services.AddNodeSubscriber<CommentDeleted, WpCacheEviction>();
        services.AddNodeSubscriber<CommentEdited, WpCacheEviction>();
        services.AddNodeSubscriber<TermCreated, WpCacheEviction>();
        services.AddNodeSubscriber<MediaUploaded, WpCacheEviction>();
        services.AddNodeSubscriber<MediaChanged, WpCacheEviction>();
        services.AddNodeSubscriber<MediaDeleted, WpCacheEviction>();
    }

    public override void MapEndpoints(RouteGroups groups)
    {
        string[] queryKeys =
        [
            .. new[] { WpPostEndpoints.QueryKeys, WpTermEndpoints.QueryKeys, WpUserEndpoints.QueryKeys, WpCommentEndpoints.QueryKeys, WpMediaEndpoints.QueryKeys }
                .SelectMany(keys => keys).SelectMany(key => new[] { key, key + "[]" }).Distinct(StringComparer.Ordinal),
        ];
        // Lists show counts and totals that comments move without evicting every answer's copy elsewhere, so a minute, like listings.
        var api = groups.PublicApi.MapGroup(WpLinks.Root.TrimEnd('/'))
            .CachedAs(groups.PublicPage(queryKeys, lifetime: PublicPagePolicy.ListingLifetime))
            .AddEndpointFilter(async (invocation, next) =>
            {
                PageCache.Tag(invocation.HttpContext, WpCacheTags.Api);
                return await next(invocation);
            });
        WpDiscovery.Map(api);
        WpPostEndpoints.Map(api);
        WpPostWrites.Map(api);
        WpTermEndpoints.Map(api);
        WpTermWrites.Map(api);
        WpUserEndpoints.Map(api);
        WpCommentEndpoints.Map(api);
        WpCommentWrites.Map(api);
        WpMediaEndpoints.Map(api);
        WpMediaWrites.Map(api);
        WpRefusals.Map(api);
        groups.Public.AddEndpointFilter(WpDiscovery.AnnounceAsync);
    }
}
