using DbUp;
using DbUp.Builder;
using Gazette.Hosting;

namespace Gazette.Storage;

/// <summary>
/// Applies the numbered scripts in <c>Storage/Migrations/{dialect}/</c> that the
/// database has not seen yet, each in its own transaction, recording them in
/// DbUp's journal table. On PostgreSQL an advisory lock makes nodes that start
/// together migrate one after another.
/// </summary>
public sealed class SchemaMigrator(Database database, ILogger<SchemaMigrator> logger)
{
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var clusterLock = database is PostgresDatabase postgres
            ? await PostgresAdvisoryLock.AcquireAsync(postgres, "migrations", cancellationToken)
            : null;

        var upgrader = Deploy()
            .WithScriptsEmbeddedInAssembly(typeof(SchemaMigrator).Assembly, IsOwnScript)
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build();
        var result = upgrader.PerformUpgrade();
        if (!result.Successful)
        {
            throw new StartupException(
                $"Migration {ScriptName(result.ErrorScript?.Name ?? "?")} failed on {database.Url.Display}: {result.Error.Message}", result.Error);
        }
        var applied = result.Scripts.Select(script => ScriptName(script.Name)).ToList();
        foreach (var name in applied)
        {
            logger.LogInformation("Applied migration {Migration} to {Database}", name, database.Url.Display);
        }
        return applied;
    }

    /// <summary>The scripts this build carries for the dialect, in the order they apply.</summary>
    public IReadOnlyList<string> KnownScripts() =>
        typeof(SchemaMigrator).Assembly.GetManifestResourceNames()
            .Where(IsOwnScript)
            .Order(StringComparer.Ordinal)
            .Select(ScriptName)
            .ToList();

    private UpgradeEngineBuilder Deploy() => database switch
    {
        SqliteDatabase sqlite => DeployChanges.To.SqliteDatabase(sqlite.ConnectionString),
        PostgresDatabase postgres => DeployChanges.To.PostgresqlDatabase(postgres.Url.ConnectionString),
        _ => throw new InvalidOperationException($"No migrations for {database.Dialect}."),
    };

    private bool IsOwnScript(string resourceName) =>
        resourceName.StartsWith(database.Dialect.MigrationsPrefix, StringComparison.Ordinal)
        && resourceName.EndsWith(".sql", StringComparison.Ordinal);

    private string ScriptName(string resourceName) =>
        resourceName.StartsWith(database.Dialect.MigrationsPrefix, StringComparison.Ordinal)
            ? resourceName[database.Dialect.MigrationsPrefix.Length..]
            : resourceName;
}
