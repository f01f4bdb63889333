using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace Gazette.Backup;

/// <summary>
/// Writes a backup file: a gzip-compressed tar (readable with <c>tar xzf</c>),
/// each entry hashed as it is written, and the manifest of those hashes last.
/// </summary>
internal sealed class BackupArchiveWriter : IAsyncDisposable
{
    private readonly GZipStream _gzip;
    private readonly TarWriter _tar;
    private readonly List<BackupEntry> _entries = [];

    public BackupArchiveWriter(Stream output)
    {
        _gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true);
        _tar = new TarWriter(_gzip, TarEntryFormat.Pax, leaveOpen: true);
    }

    public IReadOnlyList<BackupEntry> Entries => _entries;

    public bool Contains(string name) => _entries.Any(entry => entry.Name == name);

    /// <summary>Adds the file at <paramref name="path"/> as <paramref name="name"/>; false when it is gone (deleted since it was listed).</summary>
    public async Task<bool> AddFileAsync(string name, string path, CancellationToken cancellationToken)
    {
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
        await using (file)
        {
            await using var hashing = new HashingReadStream(file);
            var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = hashing, ModificationTime = File.GetLastWriteTimeUtc(path) };
            if (!OperatingSystem.IsWindows())
            {
                entry.Mode = File.GetUnixFileMode(path);
            }
            await _tar.WriteEntryAsync(entry, cancellationToken);
            if (hashing.BytesRead != file.Length)
            {
                throw new IOException($"{path} changed while it was copied.");
            }
            _entries.Add(new BackupEntry(name, hashing.BytesRead, hashing.Hash()));
        }
        return true;
    }

    public async Task AddBytesAsync(string name, byte[] bytes, CancellationToken cancellationToken)
    {
        var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(bytes, writable: false) };
        await _tar.WriteEntryAsync(entry, cancellationToken);
        _entries.Add(new BackupEntry(name, bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes))));
    }

    /// <summary>The manifest, then the tar's end and gzip's trailer: a file cut short anywhere lacks one of them.</summary>
    public async Task FinishAsync(BackupManifest manifest, CancellationToken cancellationToken)
    {
        var entry = new PaxTarEntry(TarEntryType.RegularFile, BackupManifest.EntryName) { DataStream = new MemoryStream(manifest.ToJson(), writable: false) };
        await _tar.WriteEntryAsync(entry, cancellationToken);
        await _tar.DisposeAsync();
        await _gzip.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _tar.DisposeAsync();
        await _gzip.DisposeAsync();
    }

    /// <summary>
    /// Hashes what the tar writer reads. It reports the file's length and claims to
    /// seek, because the writer needs the length for the entry's header before the data.
    /// </summary>
    private sealed class HashingReadStream(FileStream inner) : Stream
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public long BytesRead { get; private set; }

        public string Hash() => Convert.ToHexStringLower(_hash.GetHashAndReset());

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => inner.Position = value == inner.Position ? value : throw new NotSupportedException("A backup entry is read once, from its start.");
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            Count(buffer[..read]);
            return read;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            Count(buffer.Span[..read]);
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override long Seek(long offset, SeekOrigin origin) =>
            origin == SeekOrigin.Current && offset == 0 ? inner.Position : throw new NotSupportedException("A backup entry is read once, from its start.");

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _hash.Dispose();
            }
            base.Dispose(disposing);
        }

        private void Count(ReadOnlySpan<byte> bytes)
        {
            _hash.AppendData(bytes);
            BytesRead += bytes.Length;
        }
    }
}
