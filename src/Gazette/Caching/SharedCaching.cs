using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace Gazette.Caching;

/// <summary>
/// What a page tells the shared caches in front of the site (a CDN, an nginx
/// micro-cache): how long they may keep it, and its tags, under the names the
/// common CDNs purge by (<c>Surrogate-Key</c>: Fastly, Varnish xkey;
/// <c>Cache-Tag</c>: Cloudflare, Akamai).
/// </summary>
public static class SharedCaching
{
    /// <summary>A shared cache may serve a stale copy this long while the site is failing.</summary>
    public const int StaleIfErrorSeconds = 86400;

    /// <summary>
    /// The page's Cache-Control with <c>s-maxage</c>: as long as this node keeps
    /// the page when the CDN is purged by the event log, else no longer than
    /// browsers may keep it (what no purge reaches must not outlive that).
    /// Answers that are not public, that every cache must revalidate
    /// (<c>no-cache</c>, a live blog's poll), or that name their own
    /// <c>s-maxage</c> are left as they are; so is one without <c>max-age</c>
    /// while nothing purges.
    /// </summary>
    public static string CacheControl(string pageCacheControl, TimeSpan lifetime, bool purged)
    {
        if (!CacheControlHeaderValue.TryParse(pageCacheControl, out var parsed)
            || !parsed.Public || parsed.NoCache || parsed.NoStore || parsed.SharedMaxAge is not null
            || (!purged && parsed.MaxAge is null))
        {
            return pageCacheControl;
        }
        var seconds = (long)lifetime.TotalSeconds;
        if (!purged && parsed.MaxAge is { } maxAge)
        {
            seconds = Math.Min(seconds, (long)maxAge.TotalSeconds);
        }
        var staleIfError = pageCacheControl.Contains("stale-if-error", StringComparison.OrdinalIgnoreCase)
            ? ""
            : ", stale-if-error=" + StaleIfErrorSeconds.ToString(CultureInfo.InvariantCulture);
        return $"{pageCacheControl}, s-maxage={seconds.ToString(CultureInfo.InvariantCulture)}{staleIfError}";
    }

    public static void WriteTags(IHeaderDictionary headers, IReadOnlyCollection<string> tags)
    {
        var ordered = tags.Order(StringComparer.Ordinal).ToArray();
        headers["Surrogate-Key"] = string.Join(' ', ordered);
        headers["Cache-Tag"] = string.Join(',', ordered);
    }
}
