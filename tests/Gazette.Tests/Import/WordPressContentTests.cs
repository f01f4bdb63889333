using Gazette.Import;

namespace Gazette.Tests.Import;

/// <summary>Paragraphs as WordPress shows them, captions as figures, the summary from the excerpt or the teaser.</summary>
public sealed class WordPressContentTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("One line.", "<p>One line.</p>")]
    [InlineData("First.\n\nSecond.", "<p>First.</p>\n<p>Second.</p>")]
    [InlineData("First.\r\n\r\n\r\nSecond.", "<p>First.</p>\n<p>Second.</p>")]
    [InlineData("Line one\nline two", "<p>Line one<br />\nline two</p>")]
    [InlineData("Intro\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\nAfter", "<p>Intro</p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n<p>After</p>")]
    [InlineData("<h2>Heading</h2>\nText", "<h2>Heading</h2>\n<p>Text</p>")]
    [InlineData("<blockquote>Quoted</blockquote>", "<blockquote><p>Quoted</p></blockquote>")]
    [InlineData("A <em>word</em> and <a\nhref=\"x\">link</a>", "<p>A <em>word</em> and <a href=\"x\">link</a></p>")]
    [InlineData("a<br><br>b", "<p>a</p>\n<p>b</p>")]
    public void ParagraphsAreAddedAsWordPressShowsThem(string stored, string shown) =>
        Assert.Equal(shown, WordPressParagraphs.Add(stored));

    [Fact]
    public void PreformattedTextKeepsItsBlankLinesAndStandsApart()
    {
        var shown = WordPressParagraphs.Add("Code:\n<pre>one\n\n  two</pre>\nDone.");

        Assert.Equal("<p>Code:</p>\n\n<pre>one\n\n  two</pre>\n\n<p>Done.</p>", shown);
    }

    [Fact]
    public void NoBlankLineIsLeftOutsidePreformattedText() =>
        Assert.DoesNotContain("\n\n", WordPressParagraphs.Add("<div>\n\nInside\n\n<p>Para</p>\n\n</div>\n\n\nAfter"), StringComparison.Ordinal);

    [Fact]
    public void ACaptionShortcodeBecomesAFigure()
    {
        var html = WordPressContent.Captions("[caption id=\"attachment_6\" align=\"alignright\" width=\"300\"]<a href=\"/big.jpg\"><img src=\"/a.jpg\" alt=\"A\" width=\"300\" /></a> The <b>bridge</b>[/caption]");

        Assert.Equal("<figure class=\"wp-caption alignright\"><a href=\"/big.jpg\"><img src=\"/a.jpg\" alt=\"A\" width=\"300\" /></a><figcaption>The <b>bridge</b></figcaption></figure>", html);
    }

    [Fact]
    public void AnOldCaptionShortcodeTakesItsCaptionFromTheAttribute() =>
        Assert.Equal("<figure class=\"wp-caption\"><img src=\"/a.jpg\" /><figcaption>Old style</figcaption></figure>",
            WordPressContent.Captions("[caption id=\"\" caption=\"Old style\"]<img src=\"/a.jpg\" />[/caption]"));

    [Fact]
    public void TheTextBeforeMoreIsTheSummaryAndTheMarkGoes()
    {
        var converted = WordPressContent.Convert("The <b>lead</b> &amp; more.<!--more-->\n\nThe rest.", "");

        Assert.Equal("The lead & more.", converted.Summary);
        Assert.Equal("<p>The <b>lead</b> &amp; more.</p>\n<p>The rest.</p>", converted.Html);
    }

    [Fact]
    public void AnExcerptWinsAndWithoutEitherTheFirstParagraphIsTheSummary()
    {
        Assert.Equal("Hand written.", WordPressContent.Convert("Body.<!--more-->Rest", "Hand <i>written</i>.").Summary);
        Assert.Equal("First one.", WordPressContent.Convert("First one.\n\nSecond.", "").Summary);
    }

    [Fact]
    public void BlockEditorCommentsGo() =>
        Assert.Equal("<p>Hi</p>", WordPressContent.Convert("<!-- wp:paragraph -->\n<p>Hi</p>\n<!-- /wp:paragraph -->", "").Html);
}
