using System.Globalization;
using System.IO.Compression;
using Gazette.Rendering;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Gazette.Caching;

/// <summary>
/// One stored answer: its bytes, its headers as they were sent (security
/// headers included), and the copies made from it on demand: Brotli and gzip
/// (made once, by the first reader asking for each), and the page with the
/// page slots joined (made once per slot version). A hit writes prebuilt
/// headers and bytes; nothing is rendered, compressed or hashed per request.
/// </summary>
public sealed class CachedPage
{
    private static readonly string[] Ages = [.. Enumerable.Range(0, 3601).Select(age => age.ToString(CultureInfo.InvariantCulture))];

    private readonly Rendition?[] _plain = new Rendition?[3];
    private readonly Rendition?[] _slotted = new Rendition?[3];
    private readonly Action<CachedPage, long> _grew;
    private long _lastUsed;
    private long _size;

    public CachedPage(string key, PublicPagePolicy policy, byte[] body, KeyValuePair<string, StringValues>[] headers, string? etag,
        string[] tags, long storedAt, TimeSpan lifetime, Action<CachedPage, long> grew, KeyValuePair<string, object?>[]? metricsTags = null)
    {
        MetricsTags = metricsTags ?? [];
        Key = key;
        Policy = policy;
        Headers = headers;
        Tags = tags;
        StoredAt = storedAt;
        ExpiresAt = storedAt + (long)lifetime.TotalMilliseconds;
        _lastUsed = storedAt;
        _grew = grew;
        Compressible = Compresses(headers.FirstOrDefault(header => header.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value.ToString(), body.Length);
        _plain[(int)ContentCoding.Identity] = new Rendition(body, etag, "");
        LastModified = headers.FirstOrDefault(header => header.Key.Equals(HeaderNames.LastModified, StringComparison.OrdinalIgnoreCase)).Value is { Count: > 0 } modified
            && HeaderUtilities.TryParseDate(modified.ToString(), out var date) ? date : null;
        _size = body.Length + Overhead(key, headers, tags);
    }

    public string Key { get; }

    public PublicPagePolicy Policy { get; }

    public string[] Tags { get; }

    /// <summary>The tags the request metrics of the render carried (its route group), given to each hit's.</summary>
    public KeyValuePair<string, object?>[] MetricsTags { get; }

    /// <summary>When it was stored and when it expires, in <see cref="PageStore.Now"/> milliseconds.</summary>
    public long StoredAt { get; }

    public long ExpiresAt { get; }

    public long LastUsed => Volatile.Read(ref _lastUsed);

    /// <summary>The bytes it holds with its copies, as counted against the cache's limit.</summary>
    public long Size => Interlocked.Read(ref _size);

    private KeyValuePair<string, StringValues>[] Headers { get; }

    private bool Compressible { get; }

    /// <summary>The page's own Last-Modified (feeds have one), for a reader's If-Modified-Since.</summary>
    private DateTimeOffset? LastModified { get; }

    public void Touch(long now) => Volatile.Write(ref _lastUsed, now);

    /// <summary>Counts a copy it made; called by the store, under its lock, while the page is stored.</summary>
    internal void Grow(long bytes) => Interlocked.Add(ref _size, bytes);

    /// <summary>Answers <paramref name="context"/> with this page: 304 when the client's copy is current, else the bytes in the coding it takes.</summary>
    /// <param name="compress">False where the answer still passes the slot join (<see cref="PageSlotJoin"/>), which reads HTML.</param>
    public Task ServeAsync(HttpContext context, ShowingSlots? showing, long now, bool compress = true)
    {
        var request = context.Request;
        var coding = compress && Compressible ? ContentCodings.Preferred(request.Headers.AcceptEncoding) : ContentCoding.Identity;
        var rendition = RenditionFor(coding, showing);
        var response = context.Response;
        var headers = response.Headers;
        foreach (var (name, value) in Headers)
        {
            headers[name] = value;
        }
        var age = Math.Max(0, (now - StoredAt) / 1000);
        headers.Age = age < Ages.Length ? Ages[age] : age.ToString(CultureInfo.InvariantCulture);
        if (Compressible)
        {
            headers.Vary = "Accept-Encoding";
        }
        if (rendition.ETag is { } etag)
        {
            headers.ETag = etag;
        }
        if (NotModified(request, rendition.ETag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            headers.ContentType = StringValues.Empty;
            return Task.CompletedTask;
        }
        if (ContentCodings.HeaderValue(coding) is { } encoding)
        {
            headers.ContentEncoding = encoding;
        }
        response.StatusCode = StatusCodes.Status200OK;
        headers.ContentLength = rendition.Body.Length;
        return HttpMethods.IsHead(request.Method) ? Task.CompletedTask : response.Body.WriteAsync(rendition.Body).AsTask();
    }

    /// <summary>If-None-Match decides when the reader sent it; else If-Modified-Since, against the page's Last-Modified.</summary>
    private bool NotModified(HttpRequest request, string? etag)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch;
        if (ifNoneMatch.Count > 0)
        {
            return etag is not null && PageSlotJoin.Matches(ifNoneMatch, etag);
        }
        return LastModified is { } modified
            && request.Headers.IfModifiedSince is { Count: > 0 } since
            && HeaderUtilities.TryParseDate(since.ToString(), out var date)
            && modified <= date;
    }

    private Rendition RenditionFor(ContentCoding coding, ShowingSlots? showing)
    {
        var plain = _plain[(int)ContentCoding.Identity]!;
        if (showing is null)
        {
            return _plain[(int)coding] ?? Make(_plain, coding, plain);
        }
        var joined = _slotted[(int)ContentCoding.Identity];
        if (joined is null || joined.Slots != showing.Versions)
        {
            var (page, versions) = showing.Join(plain.Body);
            joined = new Rendition(page.ToArray(), versions.Length > 0 && plain.ETag is { } etag ? etag[..^1] + versions + "\"" : plain.ETag, showing.Versions);
            // The copies of the previous slot versions go with them, and so does their count against the limit.
            var replaced = _slotted.Sum(copy => copy?.Body.LongLength ?? 0);
            Array.Clear(_slotted);
            _slotted[(int)ContentCoding.Identity] = joined;
            _grew(this, joined.Body.Length - replaced);
        }
        var copy = _slotted[(int)coding];
        return copy is not null && copy.Slots == showing.Versions ? copy : Make(_slotted, coding, joined);
    }

    /// <summary>The copy of <paramref name="source"/> in <paramref name="coding"/>; two readers racing may both make it, and one copy is kept.</summary>
    private Rendition Make(Rendition?[] copies, ContentCoding coding, Rendition source)
    {
        var body = coding == ContentCoding.Brotli ? Brotli(source.Body) : Gzip(source.Body);
        var etag = source.ETag is { } tag ? $"{tag[..^1]}-{ContentCodings.HeaderValue(coding)}\"" : null;
        var made = new Rendition(body, etag, source.Slots);
        copies[(int)coding] = made;
        _grew(this, body.Length);
        return made;
    }

    private static byte[] Brotli(byte[] source)
    {
        var target = new byte[BrotliEncoder.GetMaxCompressedLength(source.Length)];
        // Quality 9 of 11: most of the best ratio at a fraction of its time; done once per page.
        return BrotliEncoder.TryCompress(source, target, out var written, quality: 9, window: 22)
            ? target[..written]
            : throw new InvalidOperationException("Brotli could not compress a cached page.");
    }

    private static byte[] Gzip(byte[] source)
    {
        using var target = new MemoryStream(source.Length / 3);
        using (var gzip = new GZipStream(target, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(source);
        }
        return target.ToArray();
    }

    /// <summary>
    /// What a page holds besides its bodies, as near as counting allows: the key,
    /// the stored headers, the tags (and their places in the store's tag index),
    /// and the objects around them. Pages of a few kilobytes (feeds' 304-prone
    /// small answers, JSON) would otherwise be undercounted by half.
    /// </summary>
    private static long Overhead(string key, KeyValuePair<string, StringValues>[] headers, string[] tags)
    {
        const int ObjectBytes = 64;
        var bytes = 1024L + key.Length * 2L;
        foreach (var (name, values) in headers)
        {
            bytes += ObjectBytes + name.Length * 2L;
            foreach (var value in values)
            {
                bytes += ObjectBytes + (value?.Length ?? 0) * 2L;
            }
        }
        foreach (var tag in tags)
        {
            bytes += 2 * ObjectBytes + tag.Length * 2L;
        }
        return bytes;
    }

    /// <summary>Whether an answer of this type and size is kept compressed too (and so varies by Accept-Encoding).</summary>
    public static bool Compresses(string? contentType, int length) =>
        length >= 1024 && contentType is { } type
        && (type.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
            || type.Contains("json", StringComparison.OrdinalIgnoreCase)
            || type.Contains("xml", StringComparison.OrdinalIgnoreCase)
            || type.StartsWith("application/javascript", StringComparison.OrdinalIgnoreCase));

    /// <param name="Slots">The slot versions joined into it ("" for the page as stored).</param>
    private sealed record Rendition(byte[] Body, string? ETag, string Slots);
}
