using System.CommandLine;
using System.Data.Common;
using Gazette.Backup;
using Gazette.Hosting;
using Gazette.Kernel;
using Gazette.Storage;

namespace Gazette.Web;

public static class MigrateCommand
{
    private static readonly Option<bool> DryRun = new("--dry-run")
    {
        Description = "List the migrations that would run, and run none.",
    };

    /// <summary>Shared with <c>serve</c>, which migrates too.</summary>
    public static readonly Option<bool> NoBackup = new("--no-backup")
    {
        Description = $"Do not take a backup before a migration that rebuilds a table. Same as {UpgradeBackup.EnabledKey}=false.",
    };

    public static Command Create(GazetteApp gazette)
    {
        var command = new Command("migrate", "Create the database if there is none, bring its schema up to date and exit. Publishes nothing. A migration that rebuilds a table is preceded by a backup, in backups/ of the data folder.")
        {
            DryRun,
            NoBackup,
            HostArguments.Database,
        };
        command.SetAction((result, cancellationToken) => RunAsync(gazette, result, cancellationToken));
        return command;
    }

    /// <summary>The setting <c>--no-backup</c> stands for, to pass to the host.</summary>
    public static (string Key, string? Value) BackupSetting(ParseResult result) =>
        (UpgradeBackup.EnabledKey, result.GetValue(NoBackup) ? "false" : null);

    private static Task<int> RunAsync(GazetteApp gazette, ParseResult result, CancellationToken cancellationToken) =>
        CommandFailure.Guard(async () =>
        {
            await using var app = gazette.Build(result, BackupSetting(result));
            var database = app.Services.GetRequiredService<Database>();
            if (result.GetValue(DryRun))
            {
                ListPending(database, app.Services.GetRequiredService<SchemaMigrator>(), backupFirst: !result.GetValue(NoBackup));
                return 0;
            }
            var applied = await app.Services.GetRequiredService<Preflight>().MigrateAsync(cancellationToken);
            Console.WriteLine(applied.Count == 0
                ? $"The {database.Url.Display} is up to date."
                : $"Applied {applied.Count} migration(s) to the {database.Url.Display}: {string.Join(", ", applied)}");
            return 0;
        });

    private static void ListPending(Database database, SchemaMigrator migrator, bool backupFirst)
    {
        if (database is SqliteDatabase { Url: var url } && !File.Exists(url.Path))
        {
            var scripts = migrator.KnownScripts();
            Console.WriteLine($"There is no database at {url.Path}: migrate would create it and apply {scripts.Count} migration(s):");
            scripts.ToList().ForEach(name => Console.WriteLine("  " + name));
            return;
        }
        IReadOnlyList<(string Name, bool RebuildsTable)> pending;
        try
        {
            pending = migrator.Pending();
        }
        catch (DbException ex)
        {
            throw new StartupException($"Cannot read the migrations of the {database.Url.Display}: {ex.Message}", ex);
        }
        if (pending.Count == 0)
        {
            Console.WriteLine($"The {database.Url.Display} is up to date: migrate would apply nothing.");
            return;
        }
        Console.WriteLine($"migrate would apply {pending.Count} migration(s) to the {database.Url.Display}:");
        var mark = backupFirst ? " (rebuilds a table: a backup is taken first)" : " (rebuilds a table)";
        foreach (var (name, rebuildsTable) in pending)
        {
            Console.WriteLine("  " + name + (rebuildsTable ? mark : ""));
        }
    }
}
