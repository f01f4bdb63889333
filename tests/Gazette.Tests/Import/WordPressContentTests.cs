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

    [Theory]
    [InlineData("[audio src=\"https://a.example/s.mp3\"]", "<audio controls preload=\"none\" src=\"https://a.example/s.mp3\"><a href=\"https://a.example/s.mp3\">https://a.example/s.mp3</a></audio>")]
    [InlineData("[audio https://a.example/s.mp3]", "<audio controls preload=\"none\" src=\"https://a.example/s.mp3\"><a href=\"https://a.example/s.mp3\">https://a.example/s.mp3</a></audio>")]
    [InlineData("[video mp4='https://a.example/v.mp4' poster=\"https://a.example/p.jpg\"]fallback[/video]", "<video controls preload=\"metadata\" src=\"https://a.example/v.mp4\" poster=\"https://a.example/p.jpg\"><a href=\"https://a.example/v.mp4\">https://a.example/v.mp4</a></video>")]
    [InlineData("[embed width=\"500\"]https://vimeo.com/1?a=1&amp;b=2[/embed]", "<a href=\"https://vimeo.com/1?a=1&amp;b=2\">https://vimeo.com/1?a=1&amp;b=2</a>")]
    [InlineData("Watch:\n\nhttps://youtu.be/x\n\nEnd", "Watch:\n\n<a href=\"https://youtu.be/x\">https://youtu.be/x</a>\n\nEnd")]
    [InlineData("See https://a.example/ in a sentence", "See https://a.example/ in a sentence")]
    [InlineData("[audio src=\"javascript:alert(1)\"]", "[audio src=\"javascript:alert(1)\"]")]
    [InlineData("[contact-form-7 id=\"4\"]", "[contact-form-7 id=\"4\"]")]
    public void MediaShortcodesBecomePlayersAndEmbedsLinks(string stored, string shown) =>
        Assert.Equal(shown, WordPressShortcodes.Media(stored));

    [Fact]
    public void AGalleryShowsTheImagesItNamesOrThoseUploadedToThePostInPlaceOfItsParagraph()
    {
        var attachments = new Attachments(
            new WxrAttachment(7, "2024/01/a.jpg", "A & B", 3, "https://a.example/a.jpg", "First"),
            new WxrAttachment(8, "2024/01/b.jpg", "B", 3, "https://a.example/b.jpg"),
            new WxrAttachment(9, "2024/01/c.jpg", "C", 4, "https://a.example/c.jpg"));

        var named = WordPressShortcodes.Galleries("<p>Before</p>\n<p>[gallery ids=\"9, 7\" columns=\"2\"]</p>", 3, attachments);
        var uploaded = WordPressShortcodes.Galleries("<p>[gallery]</p>", 3, attachments);

        Assert.Equal("<p>Before</p>\n<div class=\"gallery\"><figure><img src=\"https://a.example/c.jpg\" alt=\"C\" loading=\"lazy\"></figure><figure><img src=\"https://a.example/a.jpg\" alt=\"A &amp; B\" loading=\"lazy\"><figcaption>First</figcaption></figure></div>", named);
        Assert.Equal("<div class=\"gallery\"><figure><img src=\"https://a.example/a.jpg\" alt=\"A &amp; B\" loading=\"lazy\"><figcaption>First</figcaption></figure><figure><img src=\"https://a.example/b.jpg\" alt=\"B\" loading=\"lazy\"></figure></div>", uploaded);
        Assert.Equal("", WordPressShortcodes.Galleries("<p>[gallery]</p>", 5, attachments));
    }

    private sealed class Attachments(params WxrAttachment[] all) : IWxrAttachmentLookup
    {
        public WxrAttachment? Find(long id) => all.FirstOrDefault(attachment => attachment.Id == id);

        public IEnumerable<WxrAttachment> UploadedTo(long postId) => all.Where(attachment => attachment.ParentId == postId);
    }
}
