using System.Text;
using System.Text.RegularExpressions;

namespace Gazette.Import;

/// <summary>
/// WordPress stores a post as typed (blank lines between paragraphs, line breaks
/// as newlines) and adds the paragraphs each time it shows the post
/// (<c>wpautop</c>). Gazette stores HTML, so the import adds them once, by the
/// same rules: a blank line ends a paragraph, a single newline is a line
/// break, block elements (lists, quotes, tables, headings, figures) are never
/// wrapped, and <c>pre</c> blocks keep their text as it is.
/// The result holds no blank line except around <c>pre</c> blocks, so it
/// stays one HTML block when read as Markdown (Gazette's editors' format).
/// </summary>
public static partial class WordPressParagraphs
{
    private const string Blocks = "table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary";

    public static string Add(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }
        var preserved = new List<string>();
        text = Pre().Replace(text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n'), match =>
        {
            preserved.Add(match.Value);
            return $"<pre wp-pre-tag-{preserved.Count - 1}></pre>";
        });
        text = DoubleBreak().Replace(text, "\n\n");
        text = BlockOpening().Replace(text, "\n\n$1");
        text = BlockClosing().Replace(text, "$1\n\n");
        // A newline inside a tag (between attributes) is not a line break.
        text = NewlineInTag().Replace(text, match => match.Value.Replace('\n', ' '));
        var html = new StringBuilder();
        foreach (var chunk in BlankLines().Split(text.Trim()))
        {
            if (chunk.Trim().Length > 0)
            {
                html.Append("<p>").Append(chunk.Trim('\n', ' ', '\t')).Append("</p>\n");
            }
        }
        text = html.ToString();
        text = EmptyParagraph().Replace(text, "");
        text = TextClosingBlock().Replace(text, "<p>$1</p></$2>");
        text = QuoteOpening().Replace(text, "<blockquote$1><p>");
        text = text.Replace("</blockquote></p>", "</p></blockquote>", StringComparison.OrdinalIgnoreCase);
        text = ParagraphBeforeBlock().Replace(text, "$1");
        text = ParagraphAfterBlock().Replace(text, "$1");
        text = LineBreak().Replace(text, "<br />\n");
        text = BreakAfterBlock().Replace(text, "$1");
        text = BreakBeforeBlock().Replace(text, "$1");
        text = Regex.Replace(text, @"\n</p>$", "</p>");
        // Split keeps the captured numbers at the odd places: the text between pre blocks, then a pre block's number.
        var parts = PreMarker().Split(text)
            .Select((part, index) => index % 2 == 1
                ? preserved[int.Parse(part, System.Globalization.CultureInfo.InvariantCulture)]
                : LeftoverBlankLines().Replace(part, "\n").Trim('\n'))
            .Where(part => part.Length > 0);
        return string.Join("\n\n", parts);
    }

    [GeneratedRegex(@"<pre[\s>].*?</pre>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Pre();

    [GeneratedRegex(@"<pre wp-pre-tag-(\d+)></pre>")]
    private static partial Regex PreMarker();

    [GeneratedRegex(@"<br\s*/?>\s*<br\s*/?>", RegexOptions.IgnoreCase)]
    private static partial Regex DoubleBreak();

    [GeneratedRegex(@"(<(?:" + Blocks + @")[\s/>])", RegexOptions.IgnoreCase)]
    private static partial Regex BlockOpening();

    [GeneratedRegex(@"(</(?:" + Blocks + @")>|<hr\s*/?>)", RegexOptions.IgnoreCase)]
    private static partial Regex BlockClosing();

    [GeneratedRegex(@"<[a-zA-Z/][^<>]*\n[^<>]*>")]
    private static partial Regex NewlineInTag();

    [GeneratedRegex(@"\n\s*\n")]
    private static partial Regex BlankLines();

    [GeneratedRegex(@"<p>\s*</p>\n?")]
    private static partial Regex EmptyParagraph();

    [GeneratedRegex(@"<p>([^<]+)</(div|address|form)>")]
    private static partial Regex TextClosingBlock();

    [GeneratedRegex(@"<p><blockquote([^>]*)>", RegexOptions.IgnoreCase)]
    private static partial Regex QuoteOpening();

    [GeneratedRegex(@"<p>\s*(</?(?:" + Blocks + @")(?:[\s/][^>]*)?>)", RegexOptions.IgnoreCase)]
    private static partial Regex ParagraphBeforeBlock();

    [GeneratedRegex(@"(</?(?:" + Blocks + @")(?:[\s/][^>]*)?>)\s*</p>", RegexOptions.IgnoreCase)]
    private static partial Regex ParagraphAfterBlock();

    [GeneratedRegex(@"(?<!<br />|<br>|<br/>)[ \t]*\n(?!$)")]
    private static partial Regex LineBreak();

    [GeneratedRegex(@"(</?(?:" + Blocks + @")(?:[\s/][^>]*)?>)\s*<br />", RegexOptions.IgnoreCase)]
    private static partial Regex BreakAfterBlock();

    [GeneratedRegex(@"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol|figure|figcaption|blockquote|table|tr|h[1-6])(?:[\s/][^>]*)?>)", RegexOptions.IgnoreCase)]
    private static partial Regex BreakBeforeBlock();

    [GeneratedRegex(@"\n{2,}")]
    private static partial Regex LeftoverBlankLines();
}
