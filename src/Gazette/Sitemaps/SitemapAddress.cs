using System.Security.Cryptography;
using System.Text;
using Gazette.Rendering;
using Microsoft.Net.Http.Headers;

namespace Gazette.Sitemaps;

/// <summary>
/// Absolute URLs as pages write their canonical links (<c>Gazette:Site:BaseUrl</c>,
/// else the request's own address), and entity tags that change with what a
/// file lists and with every setting that shapes its URLs.
/// </summary>
public sealed class SitemapAddress(PageRenderer pages, IConfiguration configuration)
{
    public string Absolute(HttpRequest request, string path) => pages.Absolute(request, path);

    /// <summary>
    /// A weak tag over <paramref name="content"/> (what the file lists: counts and
    /// newest changes), the address and every <c>Gazette:Site:*</c> value: the
    /// permalink pattern and the time zone move URLs without changing a row.
    /// </summary>
    public EntityTagHeaderValue Tag(HttpRequest request, string content)
    {
        var text = new StringBuilder(content).Append('|').Append(Absolute(request, "/"));
        foreach (var (key, value) in configuration.GetSection(SiteOptions.Section).AsEnumerable().OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            text.Append('|').Append(key).Append('=').Append(value);
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
        return new EntityTagHeaderValue($"\"{hash[..24]}\"", isWeak: true);
    }
}
