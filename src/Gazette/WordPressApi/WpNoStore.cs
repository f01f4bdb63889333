using Gazette.Caching;

namespace Gazette.WordPressApi;

/// <summary>An answer that holds what only its caller may read (a draft, a raw text, an email): kept by no cache, the site's or another's.</summary>
public static class WpNoStore
{
    public static void Mark(HttpContext http)
    {
        PageCache.DoNotStore(http);
        http.Response.Headers.CacheControl = "no-store";
    }
}
