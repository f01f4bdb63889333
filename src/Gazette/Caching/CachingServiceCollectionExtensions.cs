namespace Gazette.Caching;

public static class CachingServiceCollectionExtensions
{
    public static IServiceCollection AddGazettePageCache(this IServiceCollection services)
    {
        services.AddSingleton<PageStore>();
        services.AddSingleton<PageKeys>();
        services.AddSingleton<PageCache>();
        return services;
    }
}
