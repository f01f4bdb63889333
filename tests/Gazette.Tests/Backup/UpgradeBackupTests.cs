using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using Dapper;
using Gazette.Storage;
using Gazette.Tests.Infrastructure;
using Gazette.Tests.Storage;

namespace Gazette.Tests.Backup;

/// <summary>
/// Upgrading a site made by release 1, whose SQLite migrations include two that
/// rebuild a table: <c>migrate --dry-run</c> lists them and changes nothing;
/// <c>migrate</c> and <c>serve</c> take a backup first and say where, unless told not to.
/// </summary>
public sealed class UpgradeBackupTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("gazette-upgrade-").FullName;

    private string Data => Path.Combine(_folder, "data");

    private string Backups => Path.Combine(Data, "backups");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task DryRunListsWhatWouldRunAndRunsNothing()
    {
        await Release1SiteAsync();

        var (exitCode, stdout, stderr) = await RunAsync("migrate", "--dry-run");

        Assert.True(exitCode == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var listed = lines.Count(line => line.StartsWith("  0", StringComparison.Ordinal));
        Assert.Equal($"migrate would apply {listed} migration(s) to the SQLite database {Path.Combine(Data, "gazette.db")}:", lines[0]);
        Assert.Contains("  0011_contributor_role.sql (rebuilds a table: a backup is taken first)", lines);
        Assert.Contains("  0013_editorial.sql (rebuilds a table: a backup is taken first)", lines);
        Assert.Contains("  0008_events.sql", lines);
        Assert.Equal(["0001_initial.sql", "0002_comments.sql"], await AppliedAsync());
        Assert.False(Directory.Exists(Backups));
    }

    [Fact]
    public async Task DryRunWhereThereIsNoSiteCreatesNothing()
    {
        var (exitCode, stdout, _) = await RunAsync("migrate", "--dry-run");

        Assert.Equal(0, exitCode);
        Assert.StartsWith($"There is no database at {Path.Combine(Data, "gazette.db")}: migrate would create it and apply ", stdout, StringComparison.Ordinal);
        Assert.Contains("  0001_users.sql\n", stdout, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder));
    }

    [Fact]
    public async Task MigrateTakesABackupOfTheOldSchemaFirstAndSaysWhere()
    {
        await Release1SiteAsync();

        var (exitCode, stdout, stderr) = await RunAsync("migrate");

        Assert.True(exitCode == 0, stderr);
        var backup = Assert.Single(Directory.GetFiles(Backups));
        Assert.Matches("^gazette-[0-9]{8}-[0-9]{6}-before-0011_contributor_role\\.tar\\.gz$", Path.GetFileName(backup));
        Assert.Contains($"Backed up the site to {backup} before migrating: 0011_contributor_role.sql, 0013_editorial.sql rebuild tables.", stdout.ReplaceLineEndings(" ").Replace("       ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(["0001_initial.sql", "0002_comments.sql"], Manifest(backup).GetProperty("migrations").EnumerateArray().Select(name => name.GetString()!));
        Assert.Contains("0013_editorial.sql", await AppliedAsync());
        var restore = await RunAsync("restore", backup, "--database", "sqlite:" + Path.Combine(_folder, "restored", "gazette.db"));
        Assert.True(restore.ExitCode == 0, restore.Stderr);
    }

    [Fact]
    public async Task NoBackupAndTheSettingMigrateWithoutOne()
    {
        await Release1SiteAsync();

        var (exitCode, stdout, stderr) = await RunAsync("migrate", "--no-backup");

        Assert.True(exitCode == 0, stderr);
        Assert.False(Directory.Exists(Backups));
        Assert.Contains("Migrating without a backup (Gazette:Upgrade:Backup is false)", stdout, StringComparison.Ordinal);

        Directory.Delete(Data, recursive: true);
        await Release1SiteAsync();
        var setting = await RunAsync("migrate", "--Gazette:Upgrade:Backup=false");
        Assert.Equal(0, setting.ExitCode);
        Assert.False(Directory.Exists(Backups));
    }

    [Fact]
    public async Task ServeTakesABackupBeforeItMigrates()
    {
        await Release1SiteAsync();

        await using var server = GazetteProcess.Start(_folder, "serve", "--urls", "http://127.0.0.1:0");
        await server.WaitUntilListeningAsync();

        var backup = Assert.Single(Directory.GetFiles(Backups));
        Assert.Contains(backup, server.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANewSiteIsMigratedWithoutABackup()
    {
        var (exitCode, _, stderr) = await RunAsync("migrate");

        Assert.True(exitCode == 0, stderr);
        Assert.False(Directory.Exists(Backups));
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args) =>
        GazetteProcess.RunAsync(_folder, null, args);

    private async Task Release1SiteAsync()
    {
        Directory.CreateDirectory(Data);
        await using var database = Database.Create(DatabaseUrl.Parse("sqlite:" + Path.Combine(Data, "gazette.db")));
        UpgradeTests<SqliteProvider>.MigrateRelease1(database);
    }

    private async Task<List<string>> AppliedAsync()
    {
        await using var database = Database.Create(DatabaseUrl.Parse("sqlite:" + Path.Combine(Data, "gazette.db")));
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<string>("select scriptname from schemaversions order by scriptname"))
            .Select(name => name.Split('.') is [.., var stem, var extension] ? $"{stem}.{extension}" : name).ToList();
    }

    private static JsonElement Manifest(string backup)
    {
        using var gzip = new GZipStream(File.OpenRead(backup), CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.Name == "manifest.json")
            {
                return JsonDocument.Parse(entry.DataStream!).RootElement.Clone();
            }
        }
        throw new InvalidOperationException("no manifest");
    }
}
