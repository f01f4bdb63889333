using System.CommandLine;
using Gazette.Hosting;

namespace Gazette.Import;

/// <summary>
/// <c>gazette import wordpress FILE.xml</c>: moves a WordPress site in from its
/// export (<see cref="WordPressImport"/>). A file that is not a readable export
/// is named with its line and changes nothing (exit code 1); the counts, what
/// was skipped or repaired, and the commands that give the new authors a
/// password are printed at the end.
/// </summary>
public static class ImportCommand
{
    private static readonly Argument<FileInfo> File = new("FILE")
    {
        Description = "A WordPress export (Tools > Export > All content), WXR 1.0 to 1.2.",
    };

    public static Command Create(ICommandHost host)
    {
        var wordpress = new Command("wordpress", "Import a WordPress export: posts, pages, categories, tags, authors and comments. Running it again adds only what is new.")
        {
            File,
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
            await using var app = await host.StartAsync(result, cancellationToken);
            var import = app.Services.GetRequiredService<WordPressImport>();
            var progress = TerminalProgress.ForConsole();
            ImportReport report;
            try
            {
                report = await import.RunAsync(() => file.OpenRead(), progress.Report, cancellationToken);
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
