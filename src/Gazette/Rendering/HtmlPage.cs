using System.Buffers;
using Microsoft.Net.Http.Headers;

namespace Gazette.Rendering;

/// <summary>
/// A rendered page as a response: a strong ETag of its bytes (so revalidation
/// answers 304, from the output cache too) and a Cache-Control that lets
/// browsers and proxies reuse it briefly and serve it stale while refetching.
/// It owns the page's pooled bytes and gives them back once they are sent.
/// </summary>
public sealed class HtmlPage(PageOutput html, int statusCode = StatusCodes.Status200OK, string cacheControl = HtmlPage.Public) : IResult
{
    public const string Public = "public, max-age=60, stale-while-revalidate=600";

    /// <summary>For pages made for one reader (their pending comment, a form with their errors).</summary>
    public const string Private = "private, no-store";

    /// <summary>A page written by hand (the plain page shown when even the theme fails).</summary>
    public HtmlPage(string html, int statusCode, string cacheControl)
        : this(Written(html), statusCode, cacheControl)
    {
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        using var body = html;
        var etag = $"\"{body.Hash()}\"";
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
        var writer = response.BodyWriter;
        foreach (var block in body.Blocks())
        {
            writer.Write(block.Span);
        }
        await writer.FlushAsync(httpContext.RequestAborted);
    }

    private static PageOutput Written(string html)
    {
        var output = new PageOutput(int.MaxValue);
        output.Write(html);
        return output.Complete();
    }

    private static bool Matches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch, string etag) =>
        EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags)
        && tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(new EntityTagHeaderValue(etag), useStrongComparison: false));
}
