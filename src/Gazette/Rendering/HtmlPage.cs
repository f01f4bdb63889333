using System.IO.Hashing;
using System.Text;
using Microsoft.Net.Http.Headers;

namespace Gazette.Rendering;

/// <summary>
/// A rendered page as a response: a strong ETag of its bytes (so revalidation
/// answers 304, from the output cache too) and a Cache-Control that lets
/// browsers and proxies reuse it briefly and serve it stale while refetching.
/// </summary>
public sealed class HtmlPage(string html, int statusCode = StatusCodes.Status200OK, string cacheControl = HtmlPage.Public) : IResult
{
    public const string Public = "public, max-age=60, stale-while-revalidate=600";

    /// <summary>For pages made for one reader (their pending comment, a form with their errors).</summary>
    public const string Private = "private, no-store";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var body = Encoding.UTF8.GetBytes(html);
        var etag = $"\"{Convert.ToHexStringLower(XxHash128.Hash(body))}\"";
        var response = httpContext.Response;
        response.Headers.CacheControl = cacheControl;
        response.Headers.ETag = etag;
        if (statusCode == StatusCodes.Status200OK && Matches(httpContext.Request.Headers.IfNoneMatch, etag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        response.StatusCode = statusCode;
        response.ContentType = "text/html; charset=utf-8";
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body);
    }

    private static bool Matches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch, string etag) =>
        EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags)
        && tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(new EntityTagHeaderValue(etag), useStrongComparison: false));
}
