using System.Text.RegularExpressions;

namespace Gazette.Export;

/// <summary>
/// Library images in a body as WordPress keeps them in a post: an <c>&lt;img&gt;</c>
/// names its attachment's URL (the stored original, absolute under the site's
/// address) and has no <c>srcset</c> or <c>sizes</c>, since WordPress adds its
/// own sizes when it shows a post and Gazette's WebP copies are no attachments;
/// a link to any of an image's files names the original too. An import,
/// Gazette's or WordPress's, rewrites exactly the URLs its attachment items
/// name, so these are the ones it finds.
/// </summary>
/// <param name="originals">Each library image's stored original (site-relative URL), by its file stem.</param>
/// <param name="stemOf">The stem of the library file a site-relative URL names, or null.</param>
public sealed partial class LibraryLinks(IReadOnlyDictionary<string, string> originals, Func<string, string?> stemOf, string baseUrl)
{
    public string Rewrite(string html)
    {
        if (!html.Contains(Media, StringComparison.Ordinal))
        {
            return html;
        }
        html = Image().Replace(html, tag =>
            Source().Match(tag.Value) is { Success: true } source && Original(source.Groups["url"].Value) is not null
                ? SizeAttribute().Replace(tag.Value, "")
                : tag.Value);
        return Link().Replace(html, link => Original(link.Groups["url"].Value) is { } original
            ? link.Groups["lead"].Value + original + "\""
            : link.Value);
    }

    /// <summary>The absolute URL of the original a library file's URL belongs to, or null when the URL is no library file's.</summary>
    public string? Original(string url) =>
        stemOf(url) is { } stem && originals.TryGetValue(stem, out var original) ? baseUrl + original : null;

    private const string Media = "/media/";

    [GeneratedRegex(@"<img\b[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Image();

    [GeneratedRegex(@"\ssrc=""(?<url>[^""]*)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Source();

    [GeneratedRegex(@"\s(?:srcset|sizes)=""[^""]*""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SizeAttribute();

    [GeneratedRegex(@"(?<lead>\s(?:href|src)="")(?<url>/media/[^""]*)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Link();
}
