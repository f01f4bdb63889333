using System.Globalization;
using System.IO.Hashing;
using Gazette.Rendering;
using Microsoft.Net.Http.Headers;

namespace Gazette.Feeds;

/// <summary>
/// A feed as a response, revalidated like pages: a strong ETag of its bytes and
/// a Last-Modified of its newest item, so a feed reader's repeat with either
/// validator is answered 304 with no body (the output cache does the same for
/// the copies it serves). If-None-Match, when sent, decides alone (RFC 9110 13.2.2).
/// </summary>
public sealed class FeedResponse(byte[] body, string contentType, DateTimeOffset lastModified) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var etag = $"\"{Convert.ToHexStringLower(XxHash128.Hash(body))}\"";
        var modified = new DateTimeOffset(lastModified.UtcTicks - (lastModified.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        var request = httpContext.Request;
        var response = httpContext.Response;
        response.Headers.CacheControl = HtmlPage.Public;
        response.Headers.ETag = etag;
        response.Headers.LastModified = modified.ToString("r", CultureInfo.InvariantCulture);
        if (NotModified(request, etag, modified))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body);
    }

    private static bool NotModified(HttpRequest request, string etag, DateTimeOffset modified)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch;
        if (ifNoneMatch.Count > 0)
        {
            return EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags)
                && tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(new EntityTagHeaderValue(etag), useStrongComparison: false));
        }
        return request.GetTypedHeaders().IfModifiedSince is { } since && modified <= since;
    }
}
