using Gazette.Events;
using Gazette.Security;

namespace Gazette.Cluster;

/// <summary>What nodes share through Redis when <c>Gazette:Redis</c> is set: announcements of the event log, rate-limit counts, its health.</summary>
public static class ClusterServiceCollectionExtensions
{
    public static IServiceCollection AddGazetteCluster(this IServiceCollection services)
    {
        // The install secret is read from the database, which is migrated only once the host starts: it is asked for on first use.
        services.AddSingleton(sp => new RedisConnection(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<InstallSecret>, sp.GetRequiredService<ILogger<RedisConnection>>()));
        services.AddSingleton<LogAnnouncements>();
        services.AddSingleton<ILogAnnouncer>(sp => sp.GetRequiredService<LogAnnouncements>());
        services.AddHostedService(sp => sp.GetRequiredService<LogAnnouncements>());
        services.AddSingleton<SharedWindows>();
        services.AddSingleton<RedisHealthCheck>();
        return services;
    }
}
