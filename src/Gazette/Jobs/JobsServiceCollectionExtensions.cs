using Gazette.Storage;

namespace Gazette.Jobs;

public static class JobsServiceCollectionExtensions
{
    public static IServiceCollection AddGazetteJobs(this IServiceCollection services)
    {
        services.AddSingleton<ILeaderLock>(sp => sp.GetRequiredService<Database>() is PostgresDatabase postgres
            ? new PostgresLeaderLock(postgres, sp.GetRequiredService<ILogger<PostgresLeaderLock>>())
            : new SingleNodeLeaderLock());
        services.AddSingleton<JobRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<JobRunner>());
        return services;
    }

    public static IServiceCollection AddPeriodicJob<TJob>(this IServiceCollection services)
        where TJob : class, IPeriodicJob
    {
        services.AddSingleton<IPeriodicJob, TJob>();
        return services;
    }
}
