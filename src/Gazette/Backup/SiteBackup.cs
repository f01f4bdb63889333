using System.Data.Common;
using System.Diagnostics;
using Dapper;
using Gazette.Kernel;
using Gazette.Security;
using Gazette.Storage;

namespace Gazette.Backup;

/// <summary>
/// Copies a site while it serves into one file (decision 60): the database
/// from one snapshot (SQLite's <c>VACUUM INTO</c>, a single statement that a
/// writer cannot restart; <c>pg_dump</c> on PostgreSQL), the install secret
/// and data-protection keys (files on SQLite; rows on PostgreSQL, so in the
/// dump), and every registered <see cref="BackupFolder"/>. Folders are copied
/// before the snapshot and again after it for files that appeared meanwhile:
/// a module writes its files before the row that names them, so every row in
/// the snapshot finds its files.
/// </summary>
public sealed class SiteBackup(Database database, IEnumerable<BackupFolder> folders, TimeProvider time)
{
    public async Task<BackupSummary> WriteAsync(string file, Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var path = Path.GetFullPath(file);
        var folder = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(folder))
        {
            throw new StartupException($"Cannot write the backup to {path}: the folder {folder} does not exist.");
        }
        if (File.Exists(path) || Directory.Exists(path))
        {
            throw new StartupException($"{path} already exists: give the backup a new name, or move the old file away.");
        }
        var dump = database is PostgresDatabase ? PostgresTools.Find(PostgresTools.Dump, "A backup") : null;
        var clock = Stopwatch.StartNew();
        var migrations = await AppliedMigrationsAsync(cancellationToken);
        var counts = new Counts(progress);
        long databaseBytes = 0;
        try
        {
            await DurableFile.WriteAsync(path, async (stream, token) =>
            {
                await using var archive = new BackupArchiveWriter(stream);
                await CopyFoldersAsync(archive, counts, token);
                databaseBytes = await CopyDatabaseAsync(archive, folder, dump, counts, token);
                await CopyFoldersAsync(archive, counts, token);
                await CopySecretsAsync(archive, token);
                await archive.FinishAsync(new BackupManifest(BackupManifest.CurrentFormat, database.Dialect.Name, time.GetUtcNow(), migrations, archive.Entries), token);
            }, privateToOwner: true, cancellationToken: cancellationToken);
        }
        catch (IOException ex)
        {
            throw new StartupException($"The backup to {path} failed and was not kept: {ex.Message}", ex);
        }
        return new BackupSummary(path, new FileInfo(path).Length, databaseBytes, counts.Files, clock.Elapsed);
    }

    private async Task CopyFoldersAsync(BackupArchiveWriter archive, Counts counts, CancellationToken cancellationToken)
    {
        foreach (var backedUp in folders)
        {
            if (!Directory.Exists(backedUp.Root))
            {
                continue;
            }
            foreach (var file in Directory.EnumerateFiles(backedUp.Root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
            {
                var relative = Path.GetRelativePath(backedUp.Root, file).Replace(Path.DirectorySeparatorChar, '/');
                // Files being written are temporary names (DurableFile): their final names come in the second pass.
                if (relative.Split('/')[^1].StartsWith('.'))
                {
                    continue;
                }
                var name = $"{BackupManifest.FoldersPrefix}{backedUp.Name}/{relative}";
                if (!archive.Contains(name) && await archive.AddFileAsync(name, file, cancellationToken))
                {
                    counts.Add(backedUp.Name, archive.Entries[^1].Length);
                }
            }
        }
    }

    private async Task<long> CopyDatabaseAsync(BackupArchiveWriter archive, string folder, string? dump, Counts counts, CancellationToken cancellationToken)
    {
        counts.Say("Copying the database");
        var snapshot = Path.Combine(folder, $".gazette-snapshot-{Guid.NewGuid():N}");
        try
        {
            if (database is PostgresDatabase postgres)
            {
                await PostgresTools.RunAsync(dump!, postgres.Url, ["--no-owner", "--no-privileges", "--format=plain", "--file", snapshot], cancellationToken);
                await archive.AddFileAsync(BackupManifest.PostgresDump, snapshot, cancellationToken);
            }
            else
            {
                await using (var connection = await database.OpenAsync(cancellationToken))
                {
                    await connection.ExecuteAsync(new CommandDefinition("vacuum into @snapshot", new { snapshot }, cancellationToken: cancellationToken));
                }
                await archive.AddFileAsync(BackupManifest.SqliteDatabase, snapshot, cancellationToken);
            }
            return archive.Entries[^1].Length;
        }
        finally
        {
            File.Delete(snapshot);
        }
    }

    private async Task CopySecretsAsync(BackupArchiveWriter archive, CancellationToken cancellationToken)
    {
        if (database is not SqliteDatabase sqlite)
        {
            return;
        }
        var dataFolder = sqlite.Url.DataFolder;
        await archive.AddFileAsync(BackupManifest.InstallSecret, Path.Combine(dataFolder, InstallSecretStore.FileName), cancellationToken);
        var keys = Path.Combine(dataFolder, SecurityServiceCollectionExtensions.KeysFolderName);
        if (Directory.Exists(keys))
        {
            foreach (var key in Directory.EnumerateFiles(keys, "*.xml").Order(StringComparer.Ordinal))
            {
                await archive.AddFileAsync(BackupManifest.KeysFolder + Path.GetFileName(key), key, cancellationToken);
            }
        }
    }

    /// <summary>What the site's schema had, for the manifest; read first, so a database that does not answer stops the backup before the file is begun.</summary>
    private async Task<IReadOnlyList<string>> AppliedMigrationsAsync(CancellationToken cancellationToken)
    {
        IEnumerable<string> names;
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            names = await connection.QueryAsync<string>(new CommandDefinition("select scriptname from schemaversions", cancellationToken: cancellationToken));
        }
        catch (DbException ex)
        {
            throw new StartupException($"Cannot back up the {database.Url.Display}: {ex.Message}", ex);
        }
        // The first release recorded whole resource names (Gazette.Storage.Migrations.sqlite.0001_initial.sql).
        return [.. names.Select(name => name.Split('.') is [.., var stem, var extension] ? $"{stem}.{extension}" : name).Order(StringComparer.Ordinal)];
    }

    private sealed class Counts(Action<string>? progress)
    {
        public int Files { get; private set; }

        private long _bytes;

        public void Add(string folder, long bytes)
        {
            Files++;
            _bytes += bytes;
            Say($"Copying {folder}: {Files:N0} files, {_bytes / 1048576.0:F1} MB");
        }

        public void Say(string text) => progress?.Invoke(text);
    }
}

public sealed record BackupSummary(string File, long Bytes, long DatabaseBytes, int FolderFiles, TimeSpan Took);
