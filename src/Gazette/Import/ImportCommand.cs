using System.CommandLine;
using Gazette.Hosting;

namespace Gazette.Import;

/// <summary>
/// <c>gazette import wordpress FILE.xml</c>: moves a WordPress site in from its
/// export (<see cref="WordPressImport"/>). A file that is not a readable export
/// is named with its line and changes nothing (exit code 1); the counts, what
/// was skipped or repaired, and a one-time link for each new author to set a
/// password are printed at the end.
/// </summary>
public static class ImportCommand
{
    private static readonly Argument<FileInfo> File = new("FILE")
    {
        Description = "A WordPress export (Tools > Export > All content), WXR 1.0 to 1.2.",
    };

    private static readonly Option<DirectoryInfo?> Uploads = new("--uploads")
    {
        Description = "A copy of the old site's wp-content/uploads folder: its images go into the media library and posts link there. Without it, posts keep the old site's URLs.",
        HelpName = "DIR",
    };

    public static Command Create(ICommandHost host)
    {
        var wordpress = new Command("wordpress", "Import a WordPress export: posts, pages, categories, tags, authors and comments. Running it again adds only what is new.")
        {
            File,
            Uploads,
            HostArguments.Database,
        };
        wordpress.SetAction((result, cancellationToken) => RunAsync(host, result, cancellationToken));
        return new Command("import", "Move content in from another platform.") { wordpress };
    }

    private static Task<int> RunAsync(ICommandHost host, ParseResult result, CancellationToken cancellationToken) =>
        CommandFailure.Guard(async () =>
        {
            var file = result.GetValue(File)!;
            if (!file.Exists)
            {
                await Console.Error.WriteLineAsync($"gazette: {file.FullName}: no such file.");
                return CommandFailure.StartupFailed;
            }
            var uploads = result.GetValue(Uploads);
            if (uploads is { Exists: false })
            {
                await Console.Error.WriteLineAsync($"gazette: --uploads {uploads.FullName}: no such folder.");
                return CommandFailure.StartupFailed;
            }
            await using var app = await host.StartAsync(result, cancellationToken);
            var import = app.Services.GetRequiredService<WordPressImport>();
            var progress = TerminalProgress.ForConsole();
            ImportReport report;
            try
            {
                report = await import.RunAsync(() => file.OpenRead(), uploads?.FullName, progress.Report, cancellationToken);
            }
            catch (WxrFormatException ex)
            {
                progress.Clear();
                await Console.Error.WriteLineAsync($"gazette: {file.Name}: {ex.Message} Nothing was imported.");
                return CommandFailure.StartupFailed;
            }
            progress.Clear();
            foreach (var line in report.Lines(file.Name))
            {
                Console.WriteLine(line);
            }
            return 0;
        });
}
