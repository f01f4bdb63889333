using Gazette.Events;

namespace Gazette.Caching;

public static class CachingServiceCollectionExtensions
{
    public static IServiceCollection AddGazettePageCache(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<CdnOptions>(configuration.GetSection(CdnOptions.Section));
        services.AddHttpClient(CdnPurge.ClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        services.AddClusterSubscriber<CdnPurge>();
        services.AddSingleton<PageStore>();
        services.AddSingleton<PageKeys>();
        services.AddSingleton<PageCache>();
        services.AddSingleton<PageCacheMetrics>();
        return services;
    }
}
