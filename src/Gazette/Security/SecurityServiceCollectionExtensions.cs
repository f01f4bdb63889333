using Gazette.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace Gazette.Security;

public static class SecurityServiceCollectionExtensions
{
    public const string KeysFolderName = "keys";

    /// <summary>The secrets tables' migrations (Security/Migrations).</summary>
    public static readonly MigrationSource Migrations = new(typeof(InstallSecret).Assembly, typeof(InstallSecret).Namespace + ".Migrations");

    public static IServiceCollection AddGazetteSecrets(this IServiceCollection services)
    {
        services.AddSingleton(sp => InstallSecretStore.LoadOrCreate(sp.GetRequiredService<Database>(), sp.GetRequiredService<TimeProvider>()));
        services.AddDataProtection().SetApplicationName("Gazette");
        services.AddOptions<KeyManagementOptions>()
            .Configure<Database, TimeProvider, ILoggerFactory>((options, database, time, loggers) =>
                options.XmlRepository = database is SqliteDatabase sqlite
                    ? new KeyFileRepository(new DirectoryInfo(Path.Combine(sqlite.Url.DataFolder, KeysFolderName)), loggers.CreateLogger<KeyFileRepository>())
                    : new DatabaseXmlRepository(database, time));
        return services;
    }
}
