using System.CommandLine;
using Gazette.Hosting;
using Gazette.Kernel;

namespace Gazette.Export;

/// <summary>
/// <c>gazette export wordpress FILE.xml</c>: the whole site as WordPress
/// eXtended RSS 1.2 (<see cref="WxrExport"/>), written whole or not at all
/// (<see cref="DurableFile"/>): a failure leaves any earlier file as it was.
/// </summary>
public static class ExportCommand
{
    private static readonly Argument<FileInfo> File = new("FILE")
    {
        Description = "The WXR file to write (an existing one is replaced once the export is complete).",
    };

    public static Command Create(ICommandHost host)
    {
        var wordpress = new Command("wordpress", "Write every article, page, section, tag, author and comment as a WordPress export file (WXR 1.2), which WordPress's importer reads.")
        {
            File,
            HostArguments.Database,
        };
        wordpress.SetAction((result, cancellationToken) => CommandFailure.Guard(async () =>
        {
            var path = result.GetValue(File)!.FullName;
            if (Problem(path) is { } problem)
            {
                await Console.Error.WriteLineAsync($"gazette: cannot write {path}: {problem}");
                return CommandFailure.StartupFailed;
            }
            await using var app = await host.StartAsync(result, cancellationToken, ("Logging:LogLevel:Default", "Warning"));
            var export = app.Services.GetRequiredService<WxrExport>();
            var progress = TerminalProgress.ForConsole();
            var counts = new WxrCounts();
            try
            {
                await DurableFile.WriteAsync(path, async (stream, token) =>
                    counts = await export.WriteAsync(stream, written => progress.Report($"Exporting: {written}"), token), overwrite: true, cancellationToken: cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                progress.Clear();
                await Console.Error.WriteLineAsync($"gazette: cannot write {path}: {ex.Message}");
                return CommandFailure.StartupFailed;
            }
            progress.Clear();
            if (export.BaseUrl is null)
            {
                await Console.Error.WriteLineAsync("gazette: warning: Gazette:Site:BaseUrl is not set, so the file's links name http://localhost.");
            }
            Console.WriteLine($"Exported {counts} to {path}.");
            return 0;
        }));
        return new Command("export", "Write the site in another platform's format.") { wordpress };
    }

    /// <summary>What stops the file being written, found before the export reads anything.</summary>
    private static string? Problem(string path)
    {
        if (Directory.Exists(path))
        {
            return "it is a folder";
        }
        var folder = Path.GetDirectoryName(path);
        if (folder is null || !Directory.Exists(folder))
        {
            return $"the folder {folder} does not exist";
        }
        try
        {
            var probe = Path.Combine(folder, "." + Path.GetFileName(path) + ".probe");
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ex is UnauthorizedAccessException ? "permission denied" : ex.Message;
        }
    }
}
