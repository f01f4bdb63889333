using System.Text;
using Gazette.Rendering;
using Microsoft.Extensions.Options;

namespace Gazette.Caching;

/// <summary>
/// The key a cached page is stored under: its path, then the values of the
/// query keys its endpoint understands, in the policy's order. The scheme and
/// host lead it only while <c>Gazette:Site:BaseUrl</c> is unset, when pages
/// name the host each request gave (canonical links); with it set, the key of
/// a page without understood parameters is its path as the request holds it,
/// so a hit builds no string.
/// </summary>
public sealed class PageKeys(IOptionsMonitor<SiteOptions> site)
{
    private bool HostMatters => string.IsNullOrEmpty(site.CurrentValue.BaseUrl);

    /// <summary>The key of the page without its query: where the entry that names the policy is found.</summary>
    public string Base(HttpRequest request)
    {
        var path = request.Path.Value ?? "/";
        return HostMatters ? string.Concat(request.Scheme, "://", request.Host.Value, path) : path;
    }

    /// <summary>The full key under <paramref name="policy"/>: the base key when the request has none of its query keys.</summary>
    public static string For(HttpRequest request, string baseKey, PublicPagePolicy policy)
    {
        if (!request.QueryString.HasValue || policy.QueryKeys.Length == 0)
        {
            return baseKey;
        }
        var query = request.Query;
        StringBuilder? key = null;
        foreach (var name in policy.QueryKeys)
        {
            if (query.TryGetValue(name, out var values))
            {
                key ??= new StringBuilder(baseKey).Append('?');
                key.Append(name).Append('=');
                foreach (var value in values)
                {
                    // A separator no URL decodes to, so two parameter sets can never make one key.
                    key.Append(value).Append('\u001e');
                }
                key.Append('\u001f');
            }
        }
        return key?.ToString() ?? baseKey;
    }
}
