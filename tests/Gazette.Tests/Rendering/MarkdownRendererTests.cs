using Gazette.Rendering;

namespace Gazette.Tests.Rendering;

public class MarkdownRendererTests
{
    private readonly MarkdownRenderer _renderer = new();

    [Fact]
    public void NumberedListWithBoldNamesBecomesAnOrderedList()
    {
        var html = _renderer.Render("Goals:\n\n1. **First:** one\n2. **Second:** two").Html;

        Assert.Equal("<p>Goals:</p>\n<ol>\n<li><strong>First:</strong> one</li>\n<li><strong>Second:</strong> two</li>\n</ol>", html);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>", "alert")]
    [InlineData("<img src=x onerror=alert(1)>", "onerror")]
    [InlineData("[click](javascript:alert(1))", "javascript:")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>", "iframe")]
    [InlineData("<a href=\"https://x.example\" style=\"position:fixed\">x</a>", "position:fixed")]
    public void ScriptAndItsCarriersAreRemovedEvenFromAnEditorsRawHtml(string markdown, string forbidden) =>
        Assert.DoesNotContain(forbidden, _renderer.Render(markdown).Html, StringComparison.OrdinalIgnoreCase);

    [Fact]
    public void TablesLinksAndQuotesSurvive()
    {
        var html = _renderer.Render("> quoted\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[site](https://example.org)").Html;

        Assert.Contains("<blockquote>", html, StringComparison.Ordinal);
        Assert.Contains("<table>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://example.org\">site</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void FirstParagraphTextIsPlainAndShortened()
    {
        var text = MarkdownRenderer.FirstParagraphText("**Bold** start and a [link](https://x.example) " + string.Concat(Enumerable.Repeat("word ", 100)), 60);

        Assert.StartsWith("Bold start and a link word", text, StringComparison.Ordinal);
        Assert.EndsWith("…", text, StringComparison.Ordinal);
        Assert.True(text.Length <= 61);
    }

    [Fact]
    public void AnImageTheSourcesKnowGetsSrcsetSizesAndDimensionsAndOthersStayPlain()
    {
        var renderer = new MarkdownRenderer([new OneImage()]);

        var html = renderer.Render("![Pier](/media/known.jpg) ![Other](https://example.org/x.jpg)").Html;

        var known = html[..html.IndexOf("<img src=\"https", StringComparison.Ordinal)];
        foreach (var attribute in new[] { "src=\"/media/known-960.webp\"", "alt=\"Pier\"", "srcset=\"/media/known-480.webp 480w, /media/known.jpg 1200w\"", "sizes=\"100vw\"", "width=\"1200\"", "height=\"800\"", "loading=\"lazy\"" })
        {
            Assert.Contains(attribute, known, StringComparison.Ordinal);
        }
        Assert.Contains("<img src=\"https://example.org/x.jpg\" alt=\"Other\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public void AStoredImageAloneInItsParagraphIsAFigureWithTheLibrarysCaptionAndCredit()
    {
        var renderer = new MarkdownRenderer([new OneImage()]);

        var html = renderer.Render("Before.\n\n![Pier](/media/captioned.jpg)\n\nAfter.").Html;

        Assert.StartsWith("<p>Before.</p>\n<figure><img src=\"/media/known-960.webp\"", html, StringComparison.Ordinal);
        Assert.Contains(" alt=\"Pier\"", html, StringComparison.Ordinal);
        Assert.Contains("><figcaption>The pier at dawn &lt;3 <small>Photo: A. Lens</small></figcaption></figure>\n<p>After.</p>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<p><img", html, StringComparison.Ordinal);
    }

    [Fact]
    public void TheMarkdownTitleIsTheCaptionInsteadOfTheLibrarysAndLeavesNoTitleAttribute()
    {
        var renderer = new MarkdownRenderer([new OneImage()]);

        var html = renderer.Render("![Pier](/media/captioned.jpg \"Fishermen back at noon\")").Html;

        Assert.Contains("<figcaption>Fishermen back at noon <small>Photo: A. Lens</small></figcaption>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("title=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("The pier at dawn", html, StringComparison.Ordinal);
    }

    [Fact]
    public void AnImageWithinTextOrWithNothingToCaptionStaysInItsParagraph()
    {
        var renderer = new MarkdownRenderer([new OneImage()]);

        Assert.StartsWith("<p>See <img src=\"/media/known-960.webp\"", renderer.Render("See ![Pier](/media/captioned.jpg) here.").Html, StringComparison.Ordinal);
        Assert.StartsWith("<p><img src=\"/media/known-960.webp\"", renderer.Render("![Pier](/media/known.jpg)").Html, StringComparison.Ordinal);
        Assert.Equal("<p><img src=\"https://example.org/x.jpg\" alt=\"Other\" title=\"Not ours\"></p>", renderer.Render("![Other](https://example.org/x.jpg \"Not ours\")").Html);
    }

    private sealed class OneImage : IImageSources
    {
        public ImageSourceSet? Find(string url) => url switch
        {
            "/media/known.jpg" => new ImageSourceSet("/media/known-960.webp", "/media/known-480.webp 480w, /media/known.jpg 1200w", "100vw", 1200, 800),
            "/media/captioned.jpg" => new ImageSourceSet("/media/known-960.webp", "/media/known-480.webp 480w, /media/known.jpg 1200w", "100vw", 1200, 800,
                "The pier at dawn <3", "Photo: A. Lens"),
            _ => null,
        };
    }
}
