namespace Gazette.Caching;

public static class CachingServiceCollectionExtensions
{
    public static IServiceCollection AddGazettePageCache(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<PageCache>();
        services.AddSingleton<PageCacheMetrics>();
        services.AddOutputCache(options =>
        {
            options.SizeLimit = configuration.GetValue("Gazette:Cache:SizeLimitMB", 256L) * 1024 * 1024;
            options.MaximumBodySize = 4 * 1024 * 1024;
            options.DefaultExpirationTimeSpan = PublicPagePolicy.Lifetime;
        });
        return services;
    }
}
