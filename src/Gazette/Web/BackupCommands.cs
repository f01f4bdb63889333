using System.CommandLine;
using System.Globalization;
using Gazette.Backup;
using Gazette.Hosting;
using Gazette.Storage;

namespace Gazette.Web;

/// <summary>
/// <c>gazette backup FILE</c> and <c>gazette restore FILE [--force]</c>. Neither
/// migrates: a backup copies the site as it is (the one taken before an upgrade
/// must be of the old schema), and a restored site is migrated by its next start.
/// </summary>
public static class BackupCommands
{
    private static readonly Argument<string> BackupFile = new("FILE")
    {
        Description = "The backup file to write (a .tar.gz; it must not exist yet).",
    };

    private static readonly Argument<string> RestoreFile = new("FILE")
    {
        Description = "A backup file made by 'gazette backup'.",
    };

    private static readonly Option<bool> Force = new("--force")
    {
        Description = "Replace the site that is there (stop it first). Without it, a restore goes only into an empty data folder or database.",
    };

    public static Command Backup(GazetteApp gazette)
    {
        var command = new Command("backup", "Copy the site, while it serves, into one file: the database (pg_dump on PostgreSQL), the install secret, the data-protection keys and the media files.")
        {
            BackupFile,
            HostArguments.Database,
        };
        command.SetAction((result, cancellationToken) => CommandFailure.Guard(async () =>
        {
            await using var app = gazette.Build(result);
            app.Services.GetRequiredService<Preflight>().EnsureSiteExists();
            var progress = TerminalProgress.ForConsole();
            var summary = await app.Services.GetRequiredService<SiteBackup>().WriteAsync(result.GetValue(BackupFile)!, progress.Report, cancellationToken);
            progress.Clear();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Backed up the {app.Services.GetRequiredService<Database>().Url.Display} ({Megabytes(summary.DatabaseBytes)}) and {summary.FolderFiles} media file(s) to {summary.File} ({Megabytes(summary.Bytes)}) in {summary.Took.TotalSeconds:F1} s."));
            return 0;
        }));
        return command;
    }

    public static Command Restore(GazetteApp gazette)
    {
        var command = new Command("restore", "Restore a backup into an empty data folder (SQLite) or database (PostgreSQL, with psql), with its media files; the event log starts afresh.")
        {
            RestoreFile,
            Force,
            HostArguments.Database,
        };
        command.SetAction((result, cancellationToken) => CommandFailure.Guard(async () =>
        {
            await using var app = gazette.Build(result);
            var progress = TerminalProgress.ForConsole();
            var summary = await app.Services.GetRequiredService<SiteRestore>().RestoreAsync(result.GetValue(RestoreFile)!, result.GetValue(Force), progress.Report, cancellationToken);
            progress.Clear();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Restored the backup taken {summary.TakenAt:yyyy-MM-dd HH:mm:ss} UTC into the {summary.Target}, with {summary.FolderFiles} media file(s). 'gazette serve' starts it."));
            return 0;
        }));
        return command;
    }

    private static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:F1} MB");
}
