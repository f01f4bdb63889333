using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Ganss.Xss;
using Gazette.Rendering;

namespace Gazette.Comments;

/// <summary>
/// A comment's HTML, made once when it is saved. Readers write plain text: it is
/// encoded, paragraphs and line breaks are kept, and web addresses become links
/// that pass no ranking and no opener. Comments that arrive as HTML (imports) keep
/// only WordPress's comment allow-list.
/// </summary>
public static partial class CommentText
{
    public const string LinkRel = "nofollow ugc noopener";

    private static readonly HtmlSanitizer ImportSanitizer = CreateImportSanitizer();

    public static SafeHtml FromPlainText(string text)
    {
        var html = new StringBuilder();
        foreach (var paragraph in Paragraphs(text))
        {
            html.Append("<p>");
            var lines = paragraph.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (i > 0)
                {
                    html.Append("<br>\n");
                }
                AppendLinked(html, lines[i].TrimEnd());
            }
            html.Append("</p>\n");
        }
        return SafeHtml.FromSanitizer(html.ToString().TrimEnd());
    }

    /// <summary>Each paragraph is sanitized on its own, so every tag opens and closes inside its paragraph.</summary>
    public static SafeHtml FromImportedHtml(string html)
    {
        var paragraphs = Paragraphs(html).Select(paragraph => ImportSanitizer.Sanitize("<p>" + paragraph.Replace("\n", "<br>\n", StringComparison.Ordinal) + "</p>"));
        return SafeHtml.FromSanitizer(string.Join('\n', paragraphs));
    }

    /// <summary>Web addresses in the text, as moderation counts them.</summary>
    public static int CountLinks(string text) => WebAddress().Count(text);

    private static IEnumerable<string> Paragraphs(string text) =>
        BlankLines().Split(text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim())
            .Select(paragraph => paragraph.Trim('\n'))
            .Where(paragraph => paragraph.Trim().Length > 0);

    private static void AppendLinked(StringBuilder html, string line)
    {
        var last = 0;
        foreach (Match match in WebAddress().Matches(line))
        {
            var address = match.Value.TrimEnd('.', ',', ';', ':', '!', '?', ')', '\'', '"');
            html.Append(WebUtility.HtmlEncode(line[last..match.Index]));
            var href = address.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? "https://" + address : address;
            html.Append("<a href=\"").Append(WebUtility.HtmlEncode(href)).Append("\" rel=\"").Append(LinkRel).Append("\">")
                .Append(WebUtility.HtmlEncode(address)).Append("</a>");
            last = match.Index + address.Length;
        }
        html.Append(WebUtility.HtmlEncode(line[last..]));
    }

    private static HtmlSanitizer CreateImportSanitizer()
    {
        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            // WordPress's comment allow-list, plus the p and br this class makes itself.
            AllowedTags = new HashSet<string>(["a", "abbr", "b", "blockquote", "cite", "code", "del", "em", "i", "q", "s", "strike", "strong", "p", "br"], StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(["href", "title", "cite", "datetime"], StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["http", "https", "mailto"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href", "cite"], StringComparer.OrdinalIgnoreCase),
        })
        {
            // Unlisted tags such as <p> or <span> go, but their text stays...
            KeepChildNodes = true,
        };
        // ...except the text of elements that were never reading matter.
        sanitizer.RemovingTag += (_, e) =>
        {
            if (e.Tag.LocalName is "script" or "style" or "template" or "noscript" or "iframe" or "object" or "embed" or "svg" or "math" or "textarea" or "select")
            {
                e.Tag.InnerHtml = "";
            }
        };
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { LocalName: "a" } link)
            {
                link.SetAttribute("rel", LinkRel);
            }
        };
        return sanitizer;
    }

    [GeneratedRegex(@"\n[ \t]*\n\s*")]
    private static partial Regex BlankLines();

    [GeneratedRegex(@"(?:https?://|www\.)[^\s<>""]+", RegexOptions.IgnoreCase)]
    private static partial Regex WebAddress();
}
