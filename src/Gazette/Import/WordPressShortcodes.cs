using System.Net;
using System.Text.RegularExpressions;

namespace Gazette.Import;

/// <summary>
/// WordPress's own media shortcodes and embeds as the HTML they showed:
/// <c>[gallery]</c> as the attachments' images (those it names with <c>ids</c>,
/// else those uploaded to the post), <c>[audio]</c> and <c>[video]</c> as players
/// of the file, and <c>[embed]</c> or a link alone on its line (WordPress's
/// oEmbed) as a link: Gazette loads no third party's frames or scripts into its
/// pages. Other shortcodes (plugins') stay as text, as WordPress shows them when
/// the plugin is gone.
/// </summary>
public static partial class WordPressShortcodes
{
    private static readonly string[] AudioSources = ["src", "mp3", "m4a", "ogg", "wav", "flac"];
    private static readonly string[] VideoSources = ["src", "mp4", "m4v", "webm", "ogv", "mov"];

    /// <summary>
    /// Galleries, in a body that has its paragraphs: WordPress runs shortcodes
    /// after adding paragraphs, so a gallery's figures get none, and a gallery
    /// alone in its paragraph takes that paragraph's place.
    /// </summary>
    public static string Galleries(string html, long postId, IWxrAttachmentLookup attachments) =>
        !html.Contains("[gallery", StringComparison.OrdinalIgnoreCase) ? html : Gallery().Replace(html, match =>
        {
            var gallery = GalleryHtml(Attributes(match.Groups["attributes"].Value), postId, attachments);
            var alone = match.Groups["open"].Success && match.Groups["close"].Success;
            return alone ? gallery : match.Groups["open"].Value + gallery + match.Groups["close"].Value;
        });

    /// <summary>Players and links, in the text as WordPress stored it (before paragraphs), where WordPress finds a link alone on its line.</summary>
    public static string Media(string content)
    {
        if (!content.Contains('[', StringComparison.Ordinal) && !content.Contains("http", StringComparison.Ordinal))
        {
            return content;
        }
        content = MediaShortcode().Replace(content, match =>
        {
            var isVideo = match.Groups["kind"].Value.Equals("video", StringComparison.OrdinalIgnoreCase);
            var attributes = Attributes(match.Groups["attributes"].Value);
            var source = (isVideo ? VideoSources : AudioSources).Select(attributes.GetValueOrDefault).FirstOrDefault(url => url is { Length: > 0 })
                ?? attributes.GetValueOrDefault("0");
            if (source is null || !IsWebUrl(source))
            {
                return match.Value;
            }
            var url = Encode(source);
            var poster = attributes.GetValueOrDefault("poster") is { } image && IsWebUrl(image) ? $" poster=\"{Encode(image)}\"" : "";
            var element = isVideo ? "video" : "audio";
            return $"<{element} controls preload=\"{(isVideo ? "metadata" : "none")}\" src=\"{url}\"{poster}><a href=\"{url}\">{url}</a></{element}>";
        });
        content = Embed().Replace(content, match => IsWebUrl(match.Groups["url"].Value.Trim()) ? Link(match.Groups["url"].Value.Trim()) : match.Value);
        return LinkAlone().Replace(content, match => match.Groups["before"].Value + Link(match.Groups["url"].Value) + match.Groups["after"].Value);
    }

    private static string GalleryHtml(Dictionary<string, string> attributes, long postId, IWxrAttachmentLookup attachments)
    {
        var images = attributes.TryGetValue("ids", out var ids) || attributes.TryGetValue("include", out ids)
            ? ids.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(id => long.TryParse(id, out var number) ? attachments.Find(number) : null)
                .OfType<WxrAttachment>()
            : attachments.UploadedTo(attributes.TryGetValue("id", out var owner) && long.TryParse(owner, out var ownerId) ? ownerId : postId);
        var figures = images.Where(image => IsWebUrl(image.Url)).Select(image =>
            $"<figure><img src=\"{Encode(image.Url)}\" alt=\"{WebUtility.HtmlEncode(image.Alt)}\" loading=\"lazy\">"
            + (image.Caption.Length > 0 ? $"<figcaption>{WebUtility.HtmlEncode(image.Caption)}</figcaption>" : "") + "</figure>");
        var html = string.Concat(figures);
        return html.Length == 0 ? "" : $"<div class=\"gallery\">{html}</div>";
    }

    /// <summary>A shortcode's attributes as WordPress parses them: <c>name="value"</c>, <c>name='value'</c>, <c>name=value</c>, and bare values by position ("0", "1").</summary>
    private static Dictionary<string, string> Attributes(string text)
    {
        var attributes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var position = 0;
        foreach (Match match in Attribute().Matches(WebUtility.HtmlDecode(text)))
        {
            if (match.Groups["name"].Success)
            {
                attributes[match.Groups["name"].Value] = match.Groups["value"].Value;
            }
            else
            {
                attributes[(position++).ToString(System.Globalization.CultureInfo.InvariantCulture)] = match.Groups["bare"].Value;
            }
        }
        return attributes;
    }

    private static string Link(string url) => $"<a href=\"{Encode(url)}\">{Encode(url)}</a>";

    private static string Encode(string url) => WebUtility.HtmlEncode(WebUtility.HtmlDecode(url));

    private static bool IsWebUrl(string url) =>
        Uri.TryCreate(WebUtility.HtmlDecode(url), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    [GeneratedRegex(@"(?<open><p>\s*)?\[gallery(?<attributes>[^\]]*)\](?<close>\s*</p>)?", RegexOptions.IgnoreCase)]
    private static partial Regex Gallery();

    [GeneratedRegex(@"\[(?<kind>audio|video)(?<attributes>[^\]]*)\](?:(?<inner>(?:(?!\[(?:audio|video)\b).)*?)\[/\k<kind>\])?", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex MediaShortcode();

    [GeneratedRegex(@"\[embed[^\]]*\](?<url>[^\[]*)\[/embed\]", RegexOptions.IgnoreCase)]
    private static partial Regex Embed();

    [GeneratedRegex(@"^(?<before>\s*(?:<p>)?)(?<url>https?://[^\s<>""]+)(?<after>(?:</p>)?\s*)$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex LinkAlone();

    [GeneratedRegex(@"(?<name>[\w-]+)\s*=\s*(?:""(?<value>[^""]*)""|'(?<value>[^']*)'|(?<value>[^\s'""]+))|""(?<bare>[^""]*)""|(?<bare>[^\s'""]+)")]
    private static partial Regex Attribute();
}

/// <summary>The export's attachments, found by id and by the post they were uploaded to.</summary>
public interface IWxrAttachmentLookup
{
    WxrAttachment? Find(long id);

    IEnumerable<WxrAttachment> UploadedTo(long postId);
}
