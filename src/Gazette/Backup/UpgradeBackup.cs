using System.Globalization;
using Gazette.Kernel;
using Gazette.Storage;

namespace Gazette.Backup;

/// <summary>
/// The backup taken before a migration that rebuilds a table (decision 62), by
/// <c>serve</c> and <c>migrate</c> alike, into <c>Gazette:Upgrade:BackupFolder</c>
/// (default: <c>backups</c> in the data folder); the log says where. Turned off by
/// <c>--no-backup</c> or <c>Gazette:Upgrade:Backup=false</c>. A backup that cannot
/// be made stops the migration: the operator chooses to go on without one.
/// </summary>
public sealed partial class UpgradeBackup(SiteBackup backup, Database database, IConfiguration configuration, TimeProvider time, ILogger<UpgradeBackup> logger) : IMigrationSafeguard
{
    public const string EnabledKey = "Gazette:Upgrade:Backup";
    public const string FolderKey = "Gazette:Upgrade:BackupFolder";

    public async Task BeforeRebuildAsync(IReadOnlyList<string> scripts, CancellationToken cancellationToken)
    {
        var names = string.Join(", ", scripts);
        if (!Enabled())
        {
            LogSkipped(names, EnabledKey);
            return;
        }
        var folder = Path.GetFullPath(configuration[FolderKey] is { Length: > 0 } configured
            ? configured
            : Path.Combine(database is SqliteDatabase sqlite ? sqlite.Url.DataFolder : "data", "backups"));
        var file = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"gazette-{time.GetUtcNow():yyyyMMdd-HHmmss}-before-{Path.GetFileNameWithoutExtension(scripts[0])}.tar.gz"));
        try
        {
            Directory.CreateDirectory(folder);
            var summary = await backup.WriteAsync(file, cancellationToken: cancellationToken);
            LogTaken(summary.File, names);
        }
        catch (Exception ex) when (ex is StartupException or IOException or UnauthorizedAccessException)
        {
            throw new StartupException(
                $"Migration {scripts[0]} rebuilds a table, so a backup comes first, and it could not be made: {ex.Message} " +
                $"Fix that, or migrate without a backup (--no-backup, or {EnabledKey}=false).", ex);
        }
    }

    private bool Enabled() => configuration[EnabledKey] switch
    {
        null or "" => true,
        var text when bool.TryParse(text, out var enabled) => enabled,
        var text => throw new StartupException($"{EnabledKey} is '{text}': write true or false."),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Backed up the site to {File} before migrating: {Migrations} rebuild tables. Keep it until the upgraded site has served for a while.")]
    private partial void LogTaken(string file, string migrations);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Migrating without a backup ({Setting} is false): {Migrations} rebuild tables.")]
    private partial void LogSkipped(string migrations, string setting);
}
