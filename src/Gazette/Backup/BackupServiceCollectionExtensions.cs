using Gazette.Storage;

namespace Gazette.Backup;

public static class BackupServiceCollectionExtensions
{
    public static IServiceCollection AddGazetteBackup(this IServiceCollection services)
    {
        services.AddSingleton<SiteBackup>();
        services.AddSingleton<SiteRestore>();
        services.AddSingleton<IMigrationSafeguard, UpgradeBackup>();
        return services;
    }
}
