using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using Gazette.Kernel;

namespace Gazette.Backup;

/// <summary>
/// Unpacks a backup file into a staging folder and checks it against its
/// manifest: every entry there with its length and hash, nothing else, no name
/// that climbs out of the folder. A file cut short, altered or not a backup at
/// all fails here, before the restore touches the site.
/// </summary>
internal static class BackupArchiveReader
{
    public static async Task<BackupManifest> UnpackAsync(string file, string staging, Action<long>? progress, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, BackupEntry>(StringComparer.Ordinal);
        byte[]? manifestJson = null;
        try
        {
            await using var input = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous);
            await using var gzip = new GZipStream(input, CompressionMode.Decompress);
            await using var tar = new TarReader(gzip);
            while (await tar.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
            {
                progress?.Invoke(input.Position);
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null)
                {
                    throw Damaged(file, $"it holds '{entry.Name}', which is not a file");
                }
                if (entry.Name == BackupManifest.EntryName)
                {
                    using var buffer = new MemoryStream();
                    await entry.DataStream.CopyToAsync(buffer, cancellationToken);
                    manifestJson = buffer.ToArray();
                    continue;
                }
                var target = StagedPath(staging, entry.Name) ?? throw Damaged(file, $"it names '{entry.Name}', outside the site");
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                found[entry.Name] = await CopyAsync(entry.Name, entry.DataStream, target, cancellationToken);
            }
            // The archive ends before the compressed stream does; reading on to its end checks gzip's CRC over
            // every byte, the tar padding between and after entries included, which the manifest's hashes do not cover.
            await gzip.CopyToAsync(Stream.Null, cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or FormatException or ArgumentException or IOException and not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw Damaged(file, $"it is cut short or damaged ({ex.Message})", ex);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new StartupException($"There is no backup file {file}.", ex);
        }
        if (manifestJson is null)
        {
            throw Damaged(file, $"it has no {BackupManifest.EntryName}: it is cut short or not a Gazette backup");
        }
        var manifest = BackupManifest.Read(manifestJson, file);
        var expected = manifest.Files.ToDictionary(entry => entry.Name, StringComparer.Ordinal);
        if (expected.Keys.FirstOrDefault(name => !found.ContainsKey(name)) is { } missing)
        {
            throw Damaged(file, $"'{missing}' is missing from it");
        }
        if (found.Values.FirstOrDefault(entry => !expected.ContainsKey(entry.Name) || expected[entry.Name] != entry) is { } wrong)
        {
            throw Damaged(file, $"'{wrong.Name}' is not what its manifest says (length or SHA-256 differs)");
        }
        return manifest;
    }

    /// <summary>Where an entry goes in the staging folder, or null for a name that is absolute or climbs out.</summary>
    public static string? StagedPath(string staging, string name)
    {
        if (name.Length == 0 || Path.IsPathRooted(name) || name.Contains('\\', StringComparison.Ordinal)
            || name.Split('/').Any(part => part is "" or "." or ".."))
        {
            return null;
        }
        var root = Path.GetFullPath(staging) + Path.DirectorySeparatorChar;
        var path = Path.GetFullPath(Path.Combine(root, name));
        return path.StartsWith(root, StringComparison.Ordinal) ? path : null;
    }

    private static async Task<BackupEntry> CopyAsync(string name, Stream data, string target, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long length = 0;
        var buffer = new byte[1 << 16];
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous, BufferSize = 1 << 16 };
        if (IsSecret(name) && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        await using var output = new FileStream(target, options);
        int read;
        while ((read = await data.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            try
            {
                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
            catch (IOException ex)
            {
                // The disk, not the backup: reported as such, not as a damaged file.
                throw new StartupException($"Cannot unpack the backup into {Path.GetDirectoryName(target)}: {ex.Message}. Nothing was changed.", ex);
            }
            length += read;
        }
        output.Flush(flushToDisk: true);
        return new BackupEntry(name, length, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    /// <summary>The install secret and the keys stay readable by their owner alone, as the site wrote them.</summary>
    private static bool IsSecret(string name) =>
        name == BackupManifest.InstallSecret || name.StartsWith(BackupManifest.KeysFolder, StringComparison.Ordinal);

    private static StartupException Damaged(string file, string why, Exception? inner = null) =>
        new($"The backup {file} cannot be restored: {why}. Nothing was changed.", inner);
}
