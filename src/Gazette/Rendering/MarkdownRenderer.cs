using Ganss.Xss;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Gazette.Rendering;

/// <summary>
/// Turns an article's Markdown into the HTML that is stored with it, once, at
/// save time: CommonMark plus tables, footnotes and the like (Markdig), then
/// the allow-list sanitizer, so even an editor's raw HTML cannot carry script.
/// </summary>
public sealed class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseAdvancedExtensions()
        .Build();

    private readonly HtmlSanitizer _sanitizer = CreateSanitizer();

    public SafeHtml Render(string markdown) =>
        SafeHtml.FromSanitizer(_sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline)).Trim());

    /// <summary>Plain text of the first paragraph, for summaries and meta descriptions.</summary>
    public static string FirstParagraphText(string markdown, int maxLength = 240)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        var paragraph = document.OfType<ParagraphBlock>().FirstOrDefault();
        if (paragraph?.Inline is null)
        {
            return "";
        }
        var text = string.Concat(paragraph.Inline.Descendants<LiteralInline>().Select(literal => literal.Content.ToString()));
        return text.Length <= maxLength ? text : text[..Math.Max(text.LastIndexOf(' ', maxLength), maxLength / 2)].TrimEnd() + "…";
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedAttributes.Add("id");
        sanitizer.AllowedTags.Add("figure");
        sanitizer.AllowedTags.Add("figcaption");
        return sanitizer;
    }
}
