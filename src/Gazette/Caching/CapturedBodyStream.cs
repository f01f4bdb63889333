using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace Gazette.Caching;

/// <summary>
/// The response body while a cacheable page renders: held in memory, so the
/// page can be stored whole, up to <paramref name="limit"/> bytes; past that
/// (a large export, a streamed file) what was held is sent and the rest
/// streams straight to the body it replaced, and the answer is not stored.
/// </summary>
public sealed class CapturedBodyStream(IHttpResponseBodyFeature prior, int limit) : Stream, IHttpResponseBodyFeature
{
    private MemoryStream? _held = new();
    private PipeWriter? _writer;

    /// <summary>The whole body, or null when it outgrew the limit and was streamed.</summary>
    public MemoryStream? Held => _held;

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

    public Task StartAsync(CancellationToken cancellationToken = default) => _held is null ? prior.StartAsync(cancellationToken) : Task.CompletedTask;

    public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) =>
        SendFileFallback.SendFileAsync(this, path, offset, count, cancellationToken);

    public async Task CompleteAsync()
    {
        await FlushWriterAsync();
        if (_held is null)
        {
            await prior.CompleteAsync();
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_held is not null && _held.Length + buffer.Length <= limit)
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
        if (_held is not null && _held.Length + buffer.Length <= limit)
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
        if (_held is null)
        {
            prior.Stream.Flush();
        }
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => _held is null ? prior.Stream.FlushAsync(cancellationToken) : Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private void Release()
    {
        if (_held is { } held)
        {
            _held = null;
            prior.Stream.Write(held.GetBuffer(), 0, (int)held.Length);
        }
    }
}
