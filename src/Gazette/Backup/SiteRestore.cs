using System.Data.Common;
using Dapper;
using Gazette.Events;
using Gazette.Kernel;
using Gazette.Security;
using Gazette.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Gazette.Backup;

/// <summary>
/// Puts a backup back into the configured site: the data folder (SQLite) or
/// database (PostgreSQL), and each registered folder where this site's
/// configuration puts it. The file is unpacked and checked in full first, so a
/// damaged one changes nothing; a site already there is replaced only when
/// asked (<c>--force</c>). The event log is reset (<see cref="RestoredEventLog"/>).
/// </summary>
public sealed class SiteRestore(Database database, IEnumerable<BackupFolder> folders, SchemaMigrator migrator)
{
    public async Task<RestoreSummary> RestoreAsync(string file, bool force, Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var path = Path.GetFullPath(file);
        if (!File.Exists(path))
        {
            throw new StartupException($"There is no backup file {path}.");
        }
        var psql = database is PostgresDatabase ? PostgresTools.Find(PostgresTools.Client, "A restore") : null;
        var occupied = await OccupiedAsync(cancellationToken);
        if (occupied.Count > 0 && !force)
        {
            throw new StartupException(
                $"The {Target} already holds a site ({string.Join(", ", occupied)}). Restore into an empty one, " +
                "or add --force to replace that site with the backup (stop it first).");
        }
        var dataFolder = (database as SqliteDatabase)?.Url.DataFolder;
        var madeDataFolder = dataFolder is not null && !Directory.Exists(dataFolder);
        var staging = dataFolder is not null
            ? Directory.CreateDirectory(Path.Combine(dataFolder, $".restore-{Guid.NewGuid():N}")).FullName
            : Directory.CreateTempSubdirectory("gazette-restore-").FullName;
        var restored = false;
        try
        {
            var size = new FileInfo(path).Length;
            progress?.Invoke("Checking the backup");
            var manifest = await BackupArchiveReader.UnpackAsync(path, staging, read => progress?.Invoke($"Checking the backup: {100 * read / Math.Max(1, size)}%"), cancellationToken);
            if (manifest.Database != database.Dialect.Name)
            {
                throw new StartupException(
                    $"{path} is a backup of a {Kind(manifest.Database)} site, and the {Target} is {Kind(database.Dialect.Name)}: " +
                    "restore it with --database pointing at a database of its kind. Nothing was changed.");
            }
            var known = migrator.Scripts().SelectMany(script => new[] { script.Name, MigrationJournal.Replaces(script) }).OfType<string>().ToHashSet(StringComparer.Ordinal);
            if (manifest.Migrations.Where(name => !known.Contains(name)).ToList() is { Count: > 0 } unknown)
            {
                throw new StartupException(
                    $"{path} was made by a newer Gazette: its database has migration(s) this one does not know ({string.Join(", ", unknown)}). " +
                    "Restore it with that version or a later one. Nothing was changed.");
            }
            progress?.Invoke("Restoring the database");
            if (database is PostgresDatabase postgres)
            {
                await RestorePostgresAsync(postgres, psql!, staging, force, cancellationToken);
            }
            else
            {
                await ResetStagedSqliteAsync(Path.Combine(staging, BackupManifest.SqliteDatabase), cancellationToken);
            }
            var files = PlaceFolders(manifest, staging, progress);
            if (database is SqliteDatabase sqlite)
            {
                PlaceSqlite(sqlite, staging);
            }
            restored = true;
            return new RestoreSummary(Target, manifest.CreatedAt, files);
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
            if (!restored && madeDataFolder && Directory.Exists(dataFolder) && !Directory.EnumerateFileSystemEntries(dataFolder).Any())
            {
                Directory.Delete(dataFolder);
            }
        }
    }

    private string Target => database switch
    {
        SqliteDatabase sqlite => $"data folder {sqlite.Url.DataFolder}",
        _ => database.Url.Display,
    };

    private static string Kind(string dialect) => dialect == SqlDialect.Sqlite.Name ? "SQLite" : "PostgreSQL";

    /// <summary>What of a site the target holds already; empty when there is nothing to lose.</summary>
    private async Task<List<string>> OccupiedAsync(CancellationToken cancellationToken)
    {
        var found = new List<string>();
        if (database is SqliteDatabase sqlite)
        {
            var dataFolder = sqlite.Url.DataFolder;
            if (File.Exists(sqlite.Url.Path))
            {
                found.Add(Path.GetFileName(sqlite.Url.Path));
            }
            if (File.Exists(Path.Combine(dataFolder, InstallSecretStore.FileName)))
            {
                found.Add(InstallSecretStore.FileName);
            }
            if (HasFiles(Path.Combine(dataFolder, SecurityServiceCollectionExtensions.KeysFolderName)))
            {
                found.Add(SecurityServiceCollectionExtensions.KeysFolderName + "/");
            }
        }
        else
        {
            long tables;
            try
            {
                await using var connection = await database.OpenAsync(cancellationToken);
                tables = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "select count(*) from pg_tables where schemaname = current_schema()", cancellationToken: cancellationToken));
            }
            catch (DbException ex)
            {
                throw new StartupException($"Cannot restore into the {database.Url.Display}: {ex.Message} (the database must exist; its administrator makes it).", ex);
            }
            if (tables > 0)
            {
                found.Add($"{tables} tables");
            }
        }
        found.AddRange(folders.Where(folder => HasFiles(folder.Root)).Select(folder => $"{folder.Name} files in {folder.Root}"));
        return found;
    }

    private static bool HasFiles(string folder) =>
        Directory.Exists(folder) && Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Any();

    private static async Task ResetStagedSqliteAsync(string path, CancellationToken cancellationToken)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        // A backup from before the event log (migration 0008) has none to reset.
        if (await connection.ExecuteScalarAsync<long>(new CommandDefinition("select count(*) from sqlite_master where type = 'table' and name = 'events'", cancellationToken: cancellationToken)) > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition("pragma synchronous = full; " + RestoredEventLog.ResetSql, cancellationToken: cancellationToken));
        }
    }

    /// <summary>
    /// The dump, the reset of the event log and (with --force) the removal of what
    /// was there, in one transaction: psql stops at the first error and nothing is kept.
    /// </summary>
    private static async Task RestorePostgresAsync(PostgresDatabase postgres, string psql, string staging, bool force, CancellationToken cancellationToken)
    {
        var script = Path.Combine(staging, "restore.sql");
        var dump = Path.Combine(staging, BackupManifest.PostgresDump);
        await File.WriteAllTextAsync(script,
            $"""
            \set ON_ERROR_STOP on
            begin;
            {(force ? DropEverythingSql : "")}
            \i '{dump.Replace("'", "''", StringComparison.Ordinal)}'
            reset search_path;
            do $$ begin
              if to_regclass('events') is not null then execute '{RestoredEventLog.ResetSql}'; end if;
            end $$;
            commit;
            """, cancellationToken);
        await PostgresTools.RunAsync(psql, postgres.Url, ["--no-psqlrc", "--quiet", "--file", script], cancellationToken);
        NpgsqlConnection.ClearAllPools();
    }

    private const string DropEverythingSql =
        """
        do $$
        declare item record;
        begin
          for item in select c.relname, c.relkind from pg_class c join pg_namespace n on n.oid = c.relnamespace
                      where n.nspname = current_schema() and c.relkind in ('r', 'p', 'v', 'm', 'f') loop
            execute format('drop %s if exists %I cascade',
              case item.relkind when 'v' then 'view' when 'm' then 'materialized view' when 'f' then 'foreign table' else 'table' end,
              item.relname);
          end loop;
          for item in select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                      where n.nspname = current_schema() and c.relkind = 'S' loop
            execute format('drop sequence if exists %I cascade', item.relname);
          end loop;
        end $$;
        """;

    /// <summary>Each registered folder emptied and refilled from the backup; folders this build does not know are left out.</summary>
    private int PlaceFolders(BackupManifest manifest, string staging, Action<string>? progress)
    {
        var placed = 0;
        foreach (var folder in folders)
        {
            var prefix = $"{BackupManifest.FoldersPrefix}{folder.Name}/";
            if (Directory.Exists(folder.Root))
            {
                foreach (var old in Directory.EnumerateFiles(folder.Root, "*", SearchOption.AllDirectories).ToList())
                {
                    File.Delete(old);
                }
            }
            var touched = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in manifest.Files.Where(entry => entry.Name.StartsWith(prefix, StringComparison.Ordinal)))
            {
                var target = BackupArchiveReader.StagedPath(folder.Root, entry.Name[prefix.Length..])!;
                var parent = Path.GetDirectoryName(target)!;
                Directory.CreateDirectory(parent);
                File.Move(BackupArchiveReader.StagedPath(staging, entry.Name)!, target);
                touched.Add(parent);
                placed++;
                progress?.Invoke($"Restoring {folder.Name}: {placed:N0} files");
            }
            foreach (var parent in touched.Append(folder.Root).Where(Directory.Exists))
            {
                DurableFile.FlushFolder(parent);
            }
        }
        return placed;
    }

    /// <summary>
    /// The install secret and keys, then the database last, over any old one: the
    /// old write-ahead log goes first, since SQLite would otherwise apply it to the new file.
    /// </summary>
    private static void PlaceSqlite(SqliteDatabase sqlite, string staging)
    {
        var url = sqlite.Url;
        var dataFolder = url.DataFolder;
        var secret = Path.Combine(staging, BackupManifest.InstallSecret);
        if (File.Exists(secret))
        {
            File.Move(secret, Path.Combine(dataFolder, InstallSecretStore.FileName), overwrite: true);
        }
        var keys = Path.Combine(dataFolder, SecurityServiceCollectionExtensions.KeysFolderName);
        if (Directory.Exists(keys))
        {
            Directory.Delete(keys, recursive: true);
        }
        var stagedKeys = Path.Combine(staging, BackupManifest.KeysFolder.TrimEnd('/'));
        Directory.CreateDirectory(keys);
        if (Directory.Exists(stagedKeys))
        {
            foreach (var key in Directory.EnumerateFiles(stagedKeys))
            {
                File.Move(key, Path.Combine(keys, Path.GetFileName(key)));
            }
        }
        DurableFile.FlushFolder(keys);
        sqlite.CloseConnections();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "-wal", "-shm", "-journal" })
        {
            File.Delete(url.Path + suffix);
        }
        File.Move(Path.Combine(staging, BackupManifest.SqliteDatabase), url.Path, overwrite: true);
        DurableFile.FlushFolder(dataFolder);
    }
}

public sealed record RestoreSummary(string Target, DateTimeOffset TakenAt, int FolderFiles);
