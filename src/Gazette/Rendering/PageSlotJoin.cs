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
        var response = context.Response;
        var body = new HeldBodyStream(prior, int.MaxValue, holds: () => response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true,
            declaredLength: () => response.ContentLength);
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
}
