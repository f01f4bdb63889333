using System.Text;
using DbUp;
using DbUp.Builder;
using DbUp.Engine;
using Gazette.Kernel;

namespace Gazette.Storage;

/// <summary>
/// Applies the migration scripts of every module (see <see cref="MigrationSource"/>)
/// that the database has not seen yet, in the order of their numbers (unique
/// across modules, so the order between modules is written down), each in its
/// own transaction, recording them in DbUp's journal table. On PostgreSQL an
/// advisory lock makes nodes that start together migrate one after another.
/// </summary>
public sealed class SchemaMigrator(Database database, IEnumerable<MigrationSource> sources, ILogger<SchemaMigrator> logger, IMigrationSafeguard? safeguard = null)
{
    /// <summary>The first lines of a script that rebuilds a table (or rewrites its definition) say so; a backup comes first.</summary>
    public const string RebuildsTableMarker = "-- gazette: rebuilds-table";

    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var clusterLock = database is PostgresDatabase postgres
            ? await PostgresAdvisoryLock.AcquireAsync(postgres, "migrations", cancellationToken)
            : null;

        var upgrader = Upgrader();
        // A new database (nothing applied yet) has nothing to lose.
        if (safeguard is not null
            && upgrader.GetScriptsToExecute().Where(RebuildsTable).Select(script => script.Name).ToList() is { Count: > 0 } rebuilding
            && upgrader.GetExecutedScripts().Count > 0)
        {
            await safeguard.BeforeRebuildAsync(rebuilding, cancellationToken);
        }
        var result = upgrader.PerformUpgrade();
        if (!result.Successful)
        {
            throw new StartupException(
                $"Migration {result.ErrorScript?.Name ?? "?"} failed on {database.Url.Display}: {result.Error.Message}", result.Error);
        }
        var applied = result.Scripts.Select(script => script.Name).ToList();
        foreach (var name in applied)
        {
            logger.LogInformation("Applied migration {Migration} to {Database}", name, database.Url.Display);
        }
        return applied;
    }

    /// <summary>
    /// The scripts a migration would apply now, in order, without applying them and
    /// without making the journal table; whether each rebuilds a table.
    /// </summary>
    public IReadOnlyList<(string Name, bool RebuildsTable)> Pending() =>
        Upgrader().GetScriptsToExecute().Select(script => (script.Name, RebuildsTable(script))).ToList();

    public static bool RebuildsTable(SqlScript script) =>
        script.Contents.Split('\n').Select(line => line.Trim()).TakeWhile(line => line.StartsWith("--", StringComparison.Ordinal))
            .Any(line => line == RebuildsTableMarker);

    private UpgradeEngine Upgrader()
    {
        var scripts = Scripts();
        return Deploy(scripts)
            .WithScripts(scripts)
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build();
    }

    /// <summary>The scripts this build carries for the dialect, in the order they apply.</summary>
    public IReadOnlyList<string> KnownScripts() => Scripts().Select(script => script.Name).ToList();

    /// <summary>Every module's scripts for this dialect, named by file (NNNN_name.sql) and ordered by that name.</summary>
    public IReadOnlyList<SqlScript> Scripts()
    {
        var scripts = new List<SqlScript>();
        foreach (var source in sources)
        {
            var prefix = $"{source.Prefix}.{database.Dialect.Name}.";
            foreach (var resource in source.Assembly.GetManifestResourceNames().Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal)))
            {
                using var stream = source.Assembly.GetManifestResourceStream(resource)!;
                using var reader = new StreamReader(stream, Encoding.UTF8);
                scripts.Add(new SqlScript(resource[prefix.Length..], reader.ReadToEnd()));
            }
        }
        var clash = scripts.GroupBy(script => script.Name[..Math.Min(4, script.Name.Length)]).FirstOrDefault(group => group.Count() > 1);
        if (clash is not null)
        {
            throw new InvalidOperationException($"Migration number {clash.Key} is used twice: {string.Join(", ", clash.Select(script => script.Name))}.");
        }
        return [.. scripts.OrderBy(script => script.Name, StringComparer.Ordinal)];
    }

    private UpgradeEngineBuilder Deploy(IReadOnlyList<SqlScript> scripts)
    {
        var builder = database switch
        {
            SqliteDatabase sqlite => DeployChanges.To.SqliteDatabase(sqlite.ConnectionString),
            PostgresDatabase postgres => DeployChanges.To.PostgresqlDatabase(postgres.Url.ConnectionString),
            _ => throw new InvalidOperationException($"No migrations for {database.Dialect}."),
        };
        builder.Configure(configuration => configuration.Journal = new MigrationJournal(configuration.Journal, scripts));
        return builder;
    }
}
