using System.CommandLine;
using Gazette.Hosting;
using Gazette.Kernel;

namespace Gazette.Export;

/// <summary>
/// <c>gazette export wordpress FILE.xml [--uploads DIR]</c>: the whole site as WordPress
/// eXtended RSS 1.2 (<see cref="WxrExport"/>), written whole or not at all
/// (<see cref="DurableFile"/>): a failure leaves any earlier file as it was.
/// With <c>--uploads</c>, the library's files go to DIR as WordPress lays out
/// <c>wp-content/uploads</c>, for <c>gazette import wordpress --uploads</c> or a WordPress site.
/// </summary>
public static class ExportCommand
{
    private static readonly Argument<FileInfo> File = new("FILE")
    {
        Description = "The WXR file to write (an existing one is replaced once the export is complete).",
    };

    private static readonly Option<DirectoryInfo?> Uploads = new("--uploads")
    {
        Description = "A folder to copy the media library's files into, laid out as WordPress's wp-content/uploads (YYYY/MM/name.ext), as the file's attachments name them. Without it, no file is copied and the attachments name this site's URLs.",
    };

    public static Command Create(ICommandHost host)
    {
        var wordpress = new Command("wordpress", "Write every article, page, section, tag, author, comment and library image as a WordPress export file (WXR 1.2), which WordPress's importer reads.")
        {
            File,
            Uploads,
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
            var uploads = result.GetValue(Uploads)?.FullName;
            if (uploads is not null && UploadsProblem(uploads) is { } uploadsProblem)
            {
                await Console.Error.WriteLineAsync($"gazette: --uploads {uploads}: {uploadsProblem}");
                return CommandFailure.StartupFailed;
            }
            await using var app = await host.StartAsync(result, cancellationToken, ("Logging:LogLevel:Default", "Warning"));
            var export = app.Services.GetRequiredService<WxrExport>();
            var progress = TerminalProgress.ForConsole();
            var counts = new WxrCounts();
            try
            {
                await DurableFile.WriteAsync(path, async (stream, token) =>
                    counts = await export.WriteAsync(stream, uploads, written => progress.Report($"Exporting: {written}"), token), overwrite: true, cancellationToken: cancellationToken);
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
            if (uploads is not null)
            {
                Console.WriteLine($"Copied {counts.FilesCopied} image files to {uploads}" + (counts.FilesMissing > 0 ? $"; {counts.FilesMissing} were missing from the media folder, so their attachments name files that are not there." : "."));
            }
            else if (counts.Images > 0)
            {
                Console.WriteLine($"Image files were not copied (no --uploads folder): the {counts.Images} attachments name their URLs on this site, which must keep serving them.");
            }
            return 0;
        }));
        return new Command("export", "Write the site in another platform's format.") { wordpress };
    }

    /// <summary>What stops files being copied into the folder (made when missing), found before anything is written.</summary>
    private static string? UploadsProblem(string folder)
    {
        if (System.IO.File.Exists(folder))
        {
            return "it is a file, not a folder";
        }
        try
        {
            Directory.CreateDirectory(folder);
            return Probe(folder, ".gazette-export.probe");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ex is UnauthorizedAccessException ? "permission denied" : ex.Message;
        }
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
        return Probe(folder, "." + Path.GetFileName(path) + ".probe");
    }

    /// <summary>Whether a file can be made in the folder: one is, and is gone when closed.</summary>
    private static string? Probe(string folder, string name)
    {
        try
        {
            using (new FileStream(Path.Combine(folder, name), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
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
