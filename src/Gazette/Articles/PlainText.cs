using System.Net;
using System.Text.RegularExpressions;

namespace Gazette.Articles;

/// <summary>Sanitized HTML read as text, for structured data that wants words, not markup.</summary>
public static partial class PlainText
{
    public static string Of(string html) =>
        Whitespace().Replace(WebUtility.HtmlDecode(Markup().Replace(html, " ")), " ").Trim();

    /// <summary>At most <paramref name="length"/> characters, cut at a word with an ellipsis.</summary>
    public static string Cut(string text, int length)
    {
        if (text.Length <= length)
        {
            return text;
        }
        var cut = text.LastIndexOf(' ', length - 1);
        return string.Concat(text.AsSpan(0, cut > 0 ? cut : length - 1), "…");
    }

    [GeneratedRegex("<[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex Markup();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();
}
