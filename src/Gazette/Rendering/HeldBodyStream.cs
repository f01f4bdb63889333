using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace Gazette.Rendering;

/// <summary>
/// A response body held in memory, so a middleware can change or keep the
/// whole answer before it is sent: the page cache (every answer, up to
/// <paramref name="limit"/> bytes) and the page-slot join (HTML only).
/// Whether to hold is decided at the first write or start, by
/// <paramref name="holds"/>; an answer not held, or one that outgrows the
/// limit (a large export, a streamed file), goes straight to the body it
/// replaced, after what was held. An answer that says its length (a rendered
/// page does) is held in one array of that size, so a 74 KB page costs one
/// 74 KB array rather than a chain of doublings ending on the large-object heap.
/// </summary>
public sealed class HeldBodyStream(IHttpResponseBodyFeature prior, int limit, Func<bool> holds, Func<long?> declaredLength) : Stream, IHttpResponseBodyFeature
{
    private MemoryStream? _held;
    private bool _decided;
    private PipeWriter? _writer;

    /// <summary>The whole body, or null when it was not held or outgrew the limit and was streamed.</summary>
    public MemoryStream? Held => _held;

    /// <summary>The held body as one array: the held array itself when it is exactly full, else a copy.</summary>
    public byte[]? HeldBytes() =>
        _held is not { } held ? null
        : held.TryGetBuffer(out var buffer) && buffer.Offset == 0 && buffer.Count == buffer.Array!.Length ? buffer.Array
        : held.ToArray();

    Stream IHttpResponseBodyFeature.Stream => this;

    public PipeWriter Writer => _writer ??= PipeWriter.Create(this, new StreamPipeWriterOptions(leaveOpen: true));

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public async Task FlushWriterAsync()
    {
        if (_writer is not null)
        {
            await _writer.FlushAsync();
        }
    }

    public void DisableBuffering() => prior.DisableBuffering();

    public Task StartAsync(CancellationToken cancellationToken = default) => Holding() ? Task.CompletedTask : prior.StartAsync(cancellationToken);

    public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) =>
        SendFileFallback.SendFileAsync(this, path, offset, count, cancellationToken);

    public async Task CompleteAsync()
    {
        await FlushWriterAsync();
        if (!Holding())
        {
            await prior.CompleteAsync();
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (Holding() && _held!.Length + buffer.Length <= limit)
        {
            _held.Write(buffer);
            return;
        }
        Release();
        prior.Stream.Write(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (Holding() && _held!.Length + buffer.Length <= limit)
        {
            _held.Write(buffer.Span);
            return;
        }
        if (_held is { } held)
        {
            _held = null;
            await prior.Stream.WriteAsync(held.GetBuffer().AsMemory(0, (int)held.Length), cancellationToken);
        }
        await prior.Stream.WriteAsync(buffer, cancellationToken);
    }

    public override void Flush()
    {
        if (!Holding())
        {
            prior.Stream.Flush();
        }
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Holding() ? Task.CompletedTask : prior.Stream.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private bool Holding()
    {
        if (!_decided)
        {
            _decided = true;
            _held = !holds() ? null
                : declaredLength() is long length and > 0 && length <= limit ? new MemoryStream((int)length)
                : new MemoryStream();
        }
        return _held is not null;
    }

    private void Release()
    {
        if (_held is { } held)
        {
            _held = null;
            prior.Stream.Write(held.GetBuffer(), 0, (int)held.Length);
        }
    }
}
