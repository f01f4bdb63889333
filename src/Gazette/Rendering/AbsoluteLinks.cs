using System.Text.RegularExpressions;

namespace Gazette.Rendering;

/// <summary>
/// A feed or an API answer is read away from the site, where a link or image at "/media/x.jpg"
/// leads nowhere: site-relative <c>href</c>, <c>src</c> and <c>srcset</c>
/// values in article and comment HTML are made absolute (feeds, the WordPress API).
/// </summary>
public static partial class AbsoluteLinks
{
    public static string In(string html, string baseUrl) =>
        Attribute().Replace(html, match =>
        {
            var value = match.Groups["value"].Value;
            var absolute = match.Groups["name"].Value == "srcset"
                ? string.Join(", ", value.Split(',', StringSplitOptions.TrimEntries).Select(entry => Rooted(entry, baseUrl)))
                : Rooted(value, baseUrl);
            return $"{match.Groups["lead"].Value}{match.Groups["name"].Value}=\"{absolute}\"";
        });

    private static string Rooted(string url, string baseUrl) =>
        url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) ? baseUrl + url : url;

    [GeneratedRegex(@"(?<lead>\s)(?<name>href|src|srcset)=""(?<value>[^""]*)""", RegexOptions.CultureInvariant)]
    private static partial Regex Attribute();
}
