using System.Buffers;
using System.IO.Hashing;
using System.Text;

namespace Gazette.Rendering;

/// <summary>
/// What a template writes, kept as UTF-8 in blocks borrowed from the shared
/// pool: a rendered page goes to the reader (or the page cache) as the bytes it
/// is sent as, without a string of the whole page, a UTF-8 copy of it and a
/// growing buffer, which put three large objects per page on the GC's
/// large-object heap. It refuses to grow past a limit, so a runaway theme loop
/// cannot exhaust memory. Disposing returns the blocks; the bytes are then gone.
/// </summary>
public sealed class PageOutput(int maxChars) : TextWriter(System.Globalization.CultureInfo.InvariantCulture)
{
    private const int BlockSize = 16 * 1024;
    private const int PendingSize = 4 * 1024;

    private readonly System.Text.Encoder _encoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetEncoder();
    private readonly List<byte[]> _blocks = [];
    private readonly List<int> _used = [];
    private char[]? _pending;
    private int _pendingCount;
    private long _length;
    private long _chars;
    private bool _disposed;

    public override Encoding Encoding => Encoding.UTF8;

    /// <summary>The UTF-8 bytes written so far, once <see cref="Complete"/> has run.</summary>
    public long Length => _length;

    /// <summary>Encodes what is still pending, so <see cref="Blocks"/> holds every byte.</summary>
    public PageOutput Complete()
    {
        EncodePending(flush: true);
        return this;
    }

    /// <summary>The bytes in order, as spans of the pooled blocks; valid until disposed.</summary>
    public IEnumerable<ReadOnlyMemory<byte>> Blocks()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        for (var index = 0; index < _blocks.Count; index++)
        {
            yield return _blocks[index].AsMemory(0, _used[index]);
        }
    }

    /// <summary>A strong validator of the bytes, for the ETag.</summary>
    public string Hash()
    {
        var hash = new XxHash128();
        foreach (var block in Blocks())
        {
            hash.Append(block.Span);
        }
        return Convert.ToHexStringLower(hash.GetCurrentHash());
    }

    /// <summary>Adds another output's bytes as they are (the page body into its layout).</summary>
    public void Append(PageOutput other)
    {
        EncodePending(flush: true);
        foreach (var block in other.Complete().Blocks())
        {
            CountChars(block.Length);
            AppendBytes(block.Span);
        }
    }

    public override string ToString()
    {
        Complete();
        var text = new StringBuilder((int)Length);
        var decoder = Encoding.UTF8.GetDecoder();
        var chars = ArrayPool<char>.Shared.Rent(BlockSize);
        try
        {
            foreach (var block in Blocks())
            {
                var count = decoder.GetChars(block.Span, chars, flush: false);
                text.Append(chars, 0, count);
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
        return text.ToString();
    }

    public override void Write(char value) => Write(new ReadOnlySpan<char>(in value));

    public override void Write(string? value) => Write(value.AsSpan());

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(ReadOnlySpan<char> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        CountChars(buffer.Length);
        _pending ??= ArrayPool<char>.Shared.Rent(PendingSize);
        while (buffer.Length > 0)
        {
            if (_pendingCount == _pending.Length)
            {
                EncodePending(flush: false);
            }
            var taken = Math.Min(buffer.Length, _pending.Length - _pendingCount);
            buffer[..taken].CopyTo(_pending.AsSpan(_pendingCount));
            _pendingCount += taken;
            buffer = buffer[taken..];
        }
    }

    public override Task WriteAsync(string? value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(char value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return Task.CompletedTask;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            foreach (var block in _blocks)
            {
                ArrayPool<byte>.Shared.Return(block);
            }
            _blocks.Clear();
            _used.Clear();
            if (_pending is not null)
            {
                ArrayPool<char>.Shared.Return(_pending);
                _pending = null;
            }
        }
        base.Dispose(disposing);
    }

    private void CountChars(int adding)
    {
        _chars += adding;
        if (_chars > maxChars)
        {
            throw new ThemeException($"A page grew past {maxChars} characters; the theme's output limit stops it.");
        }
    }

    private void EncodePending(bool flush)
    {
        var chars = _pending is null ? [] : _pending.AsSpan(0, _pendingCount);
        var completed = false;
        while (!completed)
        {
            // Room for one character's bytes at least, or the encoder refuses to start.
            var room = Room(minimum: 4);
            _encoder.Convert(chars, room, flush, out var charsUsed, out var bytesUsed, out completed);
            Used(bytesUsed);
            chars = chars[charsUsed..];
        }
        _pendingCount = 0;
    }

    private void AppendBytes(ReadOnlySpan<byte> bytes)
    {
        while (bytes.Length > 0)
        {
            var room = Room(minimum: 1);
            var taken = Math.Min(room.Length, bytes.Length);
            bytes[..taken].CopyTo(room);
            Used(taken);
            bytes = bytes[taken..];
        }
    }

    /// <summary>The free part of the last block, or a new block when less than <paramref name="minimum"/> bytes are free.</summary>
    private Span<byte> Room(int minimum)
    {
        if (_blocks.Count == 0 || BlockSize - _used[^1] < minimum)
        {
            _blocks.Add(ArrayPool<byte>.Shared.Rent(BlockSize));
            _used.Add(0);
        }
        return _blocks[^1].AsSpan(_used[^1], BlockSize - _used[^1]);
    }

    private void Used(int bytes)
    {
        _used[^1] += bytes;
        _length += bytes;
    }
}
