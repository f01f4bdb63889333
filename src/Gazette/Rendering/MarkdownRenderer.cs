using System.Net;
using Ganss.Xss;
using Markdig;
using Markdig.Helpers;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Gazette.Rendering;

/// <summary>
/// Turns an article's Markdown into the HTML that is stored with it, once, at
/// save time: CommonMark plus tables, footnotes and the like (Markdig), then
/// the allow-list sanitizer, so even an editor's raw HTML cannot carry script.
/// Images the site stores get <c>srcset</c>, <c>sizes</c>, <c>width</c> and
/// <c>height</c> from the <see cref="IImageSources"/> registered; one alone in
/// its paragraph becomes a <c>&lt;figure&gt;</c> with its caption (the Markdown
/// title, else the stored one) and credit (decision 147).
/// </summary>
public sealed class MarkdownRenderer(IEnumerable<IImageSources> imageSources)
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseAdvancedExtensions()
        .Build();

    // Built at the first render rather than with the service, which start-up tasks resolve: its setup jits several hundred AngleSharp methods, and most starts render no Markdown.
    private readonly Lazy<HtmlSanitizer> _sanitizer = new(CreateSanitizer);

    private readonly IImageSources[] _imageSources = [.. imageSources];

    public MarkdownRenderer()
        : this([])
    {
    }

    public SafeHtml Render(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        if (_imageSources.Length > 0)
        {
            AddImageSources(document);
        }
        return SafeHtml.FromSanitizer(_sanitizer.Value.Sanitize(document.ToHtml(Pipeline)).Trim());
    }

    private void AddImageSources(MarkdownDocument document)
    {
        foreach (var image in document.Descendants<LinkInline>().Where(link => link.IsImage && link.Url is not null).ToList())
        {
            var sources = _imageSources.Select(source => source.Find(image.Url!)).FirstOrDefault(found => found is not null);
            if (sources is null)
            {
                continue;
            }
            var attributes = image.GetAttributes();
            attributes.AddPropertyIfNotExist("srcset", sources.SrcSet);
            attributes.AddPropertyIfNotExist("sizes", sources.Sizes);
            attributes.AddPropertyIfNotExist("width", sources.Width.ToString(System.Globalization.CultureInfo.InvariantCulture));
            attributes.AddPropertyIfNotExist("height", sources.Height.ToString(System.Globalization.CultureInfo.InvariantCulture));
            attributes.AddPropertyIfNotExist("loading", "lazy");
            attributes.AddPropertyIfNotExist("decoding", "async");
            image.Url = sources.Src;
            var caption = string.IsNullOrWhiteSpace(image.Title) ? sources.Caption : image.Title.Trim();
            if (image.Parent?.ParentBlock is ParagraphBlock paragraph && image.Parent.FirstChild == image && image.NextSibling is null
                && (caption.Length > 0 || sources.Credit.Length > 0))
            {
                image.Title = null;
                Replace(paragraph, Figure(image, caption, sources.Credit));
            }
        }
    }

    /// <summary>A picture alone in its paragraph as a figure: a paragraph cannot hold one, so the figure takes the paragraph's place.</summary>
    private static string Figure(LinkInline image, string caption, string credit)
    {
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(image);
        writer.Flush();
        var text = string.Join(' ', new[] { WebUtility.HtmlEncode(caption), credit.Length > 0 ? $"<small>{WebUtility.HtmlEncode(credit)}</small>" : "" }.Where(part => part.Length > 0));
        // No classes: the sanitizer takes them from any body, so the theme styles "figcaption small" as the credit.
        return $"<figure>{writer}<figcaption>{text}</figcaption></figure>";
    }

    private static void Replace(ParagraphBlock paragraph, string html)
    {
        var block = new HtmlBlock(null) { Type = HtmlBlockType.NonInterruptingBlock };
        block.Lines = new StringLineGroup(html);
        var parent = paragraph.Parent!;
        parent[parent.IndexOf(paragraph)] = block;
    }

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
        sanitizer.AllowedAttributes.Add("srcset");
        sanitizer.AllowedAttributes.Add("sizes");
        sanitizer.AllowedAttributes.Add("loading");
        sanitizer.AllowedAttributes.Add("decoding");
        sanitizer.AllowedTags.Add("figure");
        sanitizer.AllowedTags.Add("figcaption");
        // Players of a file, as imported WordPress posts carry them ([audio], [video]); the sources' schemes are checked like links'.
        sanitizer.AllowedTags.UnionWith(["audio", "video", "source"]);
        sanitizer.AllowedAttributes.UnionWith(["controls", "preload", "poster"]);
        sanitizer.UriAttributes.Add("poster");
        return sanitizer;
    }
}
