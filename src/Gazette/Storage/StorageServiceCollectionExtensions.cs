namespace Gazette.Storage;

public static class StorageServiceCollectionExtensions
{
    public const string DatabaseKey = "Gazette:Database";

    /// <summary>
    /// The database is made when first asked for, from configuration as the host
    /// finally sees it (so test hosts and command-line overrides apply).
    /// </summary>
    public static IServiceCollection AddGazetteStorage(this IServiceCollection services)
    {
        services.AddSingleton(sp => Database.Create(DatabaseUrl.Parse(sp.GetRequiredService<IConfiguration>()[DatabaseKey])));
        services.AddSingleton<SchemaMigrator>();
        return services;
    }
}
