using System.Runtime.InteropServices;

namespace Gazette.Kernel;

/// <summary>
/// Writes a file so that a crash leaves either the old file or the whole
/// new one, never an empty or half-written one: the text goes to a temporary
/// file in the same folder, is flushed to disk, renamed over the target, and the
/// folder is flushed so the rename itself survives a power cut. Without
/// <c>overwrite</c>, an existing file wins (IOException): two processes creating
/// the same file at once agree on one.
/// </summary>
public static partial class DurableFile
{
    public static void Write(string path, string text, bool privateToOwner = false, bool overwrite = false) =>
        Write(path, System.Text.Encoding.UTF8.GetBytes(text), privateToOwner, overwrite);

    public static void Write(string path, ReadOnlySpan<byte> bytes, bool privateToOwner = false, bool overwrite = false)
    {
        var (folder, temporary) = Temporary(path);
        try
        {
            using (var stream = new FileStream(temporary, Options(privateToOwner)))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite);
        }
        finally
        {
            File.Delete(temporary);
        }
        FlushFolder(folder);
    }

    /// <summary>
    /// The same for a file too large to hold in memory (a backup): <paramref name="write"/>
    /// fills the temporary file; if it throws, the target is untouched and the temporary file gone.
    /// </summary>
    public static async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, bool privateToOwner = false, bool overwrite = false, CancellationToken cancellationToken = default)
    {
        var (folder, temporary) = Temporary(path);
        try
        {
            await using (var stream = new FileStream(temporary, Options(privateToOwner)))
            {
                await write(stream, cancellationToken);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite);
        }
        finally
        {
            File.Delete(temporary);
        }
        FlushFolder(folder);
    }

    private static (string Folder, string Temporary) Temporary(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        return (folder, Path.Combine(folder, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp"));
    }

    private static FileStreamOptions Options(bool privateToOwner)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (privateToOwner && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        return options;
    }

    /// <summary>Makes a rename or creation in the folder durable (fsync of the directory); a no-op where there is no such call.</summary>
    public static void FlushFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        var descriptor = Posix.Open(folder, Posix.ReadOnly);
        if (descriptor < 0)
        {
            throw new IOException($"Could not open {folder} to flush it (errno {Marshal.GetLastPInvokeError()}).");
        }
        try
        {
            if (Posix.Fsync(descriptor) != 0)
            {
                throw new IOException($"Could not flush {folder} to disk (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Posix.Close(descriptor);
        }
    }

    private static partial class Posix
    {
        /// <summary>O_RDONLY, which opens a folder as well as a file.</summary>
        public const int ReadOnly = 0;

        [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        public static partial int Open(string path, int flags);

        [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
        public static partial int Fsync(int descriptor);

        [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
        public static partial int Close(int descriptor);
    }
}
