namespace Gazette.Storage;

public static class StorageServiceCollectionExtensions
{
    public const string DatabaseKey = "Gazette:Database";

    /// <summary>Storage's own migrations (Storage/Migrations): the health probe's table.</summary>
    public static readonly MigrationSource Migrations = new(typeof(Database).Assembly, typeof(Database).Namespace + ".Migrations");

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
