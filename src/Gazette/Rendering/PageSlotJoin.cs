using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace Gazette.Rendering;

/// <summary>
/// Joins every <see cref="IPageSlot"/> with content into the HTML pages it
/// serves, in front of the output cache, so cached pages get the slot as they
/// leave. With no slot showing anything (nearly always), a request passes
/// through untouched; with one, an HTML answer is held, the slot's bytes go
/// where its marker is, and the ETag names the slot's version, so a browser's
/// copy from before the banner is not confirmed by a 304. Anything else
/// (feeds, files) streams through as it is written.
/// </summary>
public sealed class PageSlotJoin(RequestDelegate next, PageSlotSet slots, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (slots.Showing(time.GetUtcNow()) is not { } showing)
        {
            await next(context);
            return;
        }
        // The page's own validator would confirm a copy without the slot: the joined page is compared below instead.
        var ifNoneMatch = context.Request.Headers.IfNoneMatch;
        context.Request.Headers.IfNoneMatch = StringValues.Empty;
        var prior = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        var body = new HeldHtml(context.Response, prior);
        context.Features.Set<IHttpResponseBodyFeature>(body);
        try
        {
            await next(context);
            await body.FlushWriterAsync();
        }
        finally
        {
            context.Features.Set(prior);
        }
        if (body.Held is { } html)
        {
            await SendJoinedAsync(context.Response, prior, html, showing, ifNoneMatch);
        }
    }

    private static async Task SendJoinedAsync(HttpResponse response, IHttpResponseBodyFeature prior, MemoryStream held, ShowingSlots showing, StringValues ifNoneMatch)
    {
        var (page, versions) = showing.Join(held.GetBuffer().AsMemory(0, (int)held.Length));
        if (versions.Length > 0 && response.Headers.ETag.ToString() is [.., '"'] etag)
        {
            response.Headers.ETag = string.Concat(etag.AsSpan(0, etag.Length - 1), versions, "\"");
            if (response.StatusCode == StatusCodes.Status200OK && Matches(ifNoneMatch, response.Headers.ETag.ToString()))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                response.ContentLength = null;
                response.Headers.ContentType = StringValues.Empty;
                return;
            }
        }
        response.ContentLength = page.Length;
        await prior.Stream.WriteAsync(page);
    }

    internal static bool Matches(StringValues ifNoneMatch, string etag)
    {
        foreach (var value in ifNoneMatch)
        {
            foreach (var candidate in (value ?? "").Split(',', StringSplitOptions.TrimEntries))
            {
                if (candidate == "*" || candidate == etag || candidate == "W/" + etag)
                {
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>
    /// The response body while a slot shows: decides at the first write (or
    /// start) whether the answer is HTML, then holds it, or hands every byte and
    /// file straight to the body it replaced.
    /// </summary>
    private sealed class HeldHtml(HttpResponse response, IHttpResponseBodyFeature prior) : Stream, IHttpResponseBodyFeature
    {
        private bool _decided;
        private PipeWriter? _writer;

        public MemoryStream? Held { get; private set; }

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
            Holding() ? SendFileFallback.SendFileAsync(this, path, offset, count, cancellationToken) : prior.SendFileAsync(path, offset, count, cancellationToken);

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
            if (Holding())
            {
                Held!.Write(buffer);
            }
            else
            {
                prior.Stream.Write(buffer);
            }
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (Holding())
            {
                Held!.Write(buffer.Span);
                return ValueTask.CompletedTask;
            }
            return prior.Stream.WriteAsync(buffer, cancellationToken);
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
                if (response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
                {
                    Held = new MemoryStream();
                }
            }
            return Held is not null;
        }
    }
}
