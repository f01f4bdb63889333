using Microsoft.AspNetCore.OutputCaching;

namespace Gazette.WordPressApi;

/// <summary>An answer that holds what only its caller may read (a draft, a raw text, an email): kept by no cache, the site's or another's.</summary>
public static class WpNoStore
{
    public static void Mark(HttpContext http)
    {
        if (http.Features.Get<IOutputCacheFeature>()?.Context is { } cache)
        {
            cache.AllowCacheStorage = false;
        }
        http.Response.Headers.CacheControl = "no-store";
    }
}
