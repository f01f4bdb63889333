using System.Net;
using System.Text.RegularExpressions;

namespace Gazette.Import;

/// <summary>A post's HTML as Gazette stores it, and its summary in plain text.</summary>
public sealed record ConvertedContent(string Html, string Summary);

/// <summary>
/// Turns what WordPress stored into what it would have shown: <c>[caption]</c>
/// shortcodes become figures with captions, media shortcodes and embeds players
/// and links (<see cref="WordPressShortcodes"/>), block-editor comments go,
/// paragraphs are added (<see cref="WordPressParagraphs"/>), and the text
/// before <c>&lt;!--more--&gt;</c> is the summary when the post has no excerpt.
/// Sanitizing is the Articles feature's, which renders every body it stores.
/// </summary>
public static partial class WordPressContent
{
    private const int SummaryLength = 240;

    /// <summary><paramref name="shortcodes"/>, when given, runs on the body once it has its paragraphs, as WordPress runs shortcodes.</summary>
    public static ConvertedContent Convert(string content, string excerpt, Func<string, string>? shortcodes = null)
    {
        content = WordPressShortcodes.Media(Captions(content));
        content = BlockComment().Replace(content, "");
        var more = More().Match(content);
        var teaser = more.Success ? content[..more.Index] : null;
        var body = WordPressParagraphs.Add(More().Replace(NextPage().Replace(content, "\n\n"), "\n\n"));
        body = shortcodes?.Invoke(body) ?? body;
        var summary = excerpt.Trim().Length > 0 ? PlainText(excerpt)
            : teaser is not null ? PlainText(teaser)
            : PlainText(FirstParagraph().Match(body) is { Success: true } first ? first.Groups[1].Value : "");
        return new ConvertedContent(body, Shorten(summary));
    }

    /// <summary><c>[caption ...]&lt;img ...&gt; Text[/caption]</c> (or the older <c>caption="Text"</c>) as a figure.</summary>
    public static string Captions(string content) =>
        Caption().Replace(content, match =>
        {
            var attributes = match.Groups["attributes"].Value;
            var inner = match.Groups["inner"].Value.Trim();
            var image = CaptionImage().Match(inner);
            if (!image.Success)
            {
                return inner;
            }
            var text = inner[(image.Index + image.Length)..].Trim();
            if (text.Length == 0 && CaptionAttribute().Match(attributes) is { Success: true } caption)
            {
                text = caption.Groups[1].Value;
            }
            var align = AlignAttribute().Match(attributes) is { Success: true } found ? " " + found.Groups[1].Value : "";
            return $"<figure class=\"wp-caption{align}\">{image.Value.Trim()}<figcaption>{text}</figcaption></figure>";
        });

    public static string PlainText(string html) =>
        Spaces().Replace(WebUtility.HtmlDecode(Tag().Replace(Shortcode().Replace(html, " "), tag => BlockTag().IsMatch(tag.Value) ? " " : "")), " ").Trim();

    private static string Shorten(string text) =>
        text.Length <= SummaryLength ? text : text[..Math.Max(text.LastIndexOf(' ', SummaryLength), SummaryLength / 2)].TrimEnd() + "…";

    [GeneratedRegex(@"\[caption(?<attributes>[^\]]*)\](?<inner>.*?)\[/caption\]", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Caption();

    [GeneratedRegex(@"^(?:<a\s[^>]*>\s*)?<img\s[^>]*>(?:\s*</a>)?", RegexOptions.IgnoreCase)]
    private static partial Regex CaptionImage();

    [GeneratedRegex("caption=\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex CaptionAttribute();

    [GeneratedRegex("align=\"(align(?:left|right|center|none))\"", RegexOptions.IgnoreCase)]
    private static partial Regex AlignAttribute();

    [GeneratedRegex(@"<!--more(?:\s[^>]*)?-->", RegexOptions.IgnoreCase)]
    private static partial Regex More();

    [GeneratedRegex(@"<!--nextpage-->", RegexOptions.IgnoreCase)]
    private static partial Regex NextPage();

    [GeneratedRegex(@"<!--\s*/?wp:[^>]*-->")]
    private static partial Regex BlockComment();

    [GeneratedRegex(@"<p>(.*?)</p>", RegexOptions.Singleline)]
    private static partial Regex FirstParagraph();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"^</?(?:p|br|div|li|h[1-6]|blockquote|figure|figcaption|tr|td|th|ul|ol|pre|hr|table)\b", RegexOptions.IgnoreCase)]
    private static partial Regex BlockTag();

    [GeneratedRegex(@"\[/?[a-z_]+[^\]]*\]")]
    private static partial Regex Shortcode();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
