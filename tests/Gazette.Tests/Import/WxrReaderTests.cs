using System.Text;
using Gazette.Import;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Import;

/// <summary>The export reader: every WXR version, WordPress's stray ampersands repaired, a broken file named by its line.</summary>
public sealed class WxrReaderTests
{
    public static readonly string SmallExport = Repository.Path("tests", "Gazette.Tests", "Import", "small-export.xml");

    [Fact]
    public void TheSmallExportReadsAsWordPressWroteIt()
    {
        using var stream = File.OpenRead(SmallExport);
        using var reader = new WxrReader(stream);
        var entries = reader.ReadAll().ToList();

        Assert.Equal("1.2", reader.Version);
        Assert.Equal(["ada", "grace"], entries.OfType<WxrAuthor>().Select(author => author.Login));
        Assert.Equal(7, entries.OfType<WxrAuthor>().Single(author => author.Login == "grace").Id);
        var local = entries.OfType<WxrTerm>().Single(term => term.Slug == "local");
        Assert.Equal(("Local News", "news", false), (local.Name, local.ParentSlug, local.IsTag));
        Assert.True(entries.OfType<WxrTerm>().Single(term => term.Slug == "floods").IsTag);
        Assert.Equal(["nav_menu_item", "revision", "custom_css"], entries.OfType<WxrSkipped>().Select(skipped => skipped.PostType));

        var posts = entries.OfType<WxrPost>().ToList();
        Assert.Equal([10L, 12, 13, 14, 20, 21, 30], posts.Select(post => post.Id));
        var river = posts[0];
        Assert.Equal(("post", "the-river-rises", "publish", true), (river.PostType, river.Slug, river.Status, river.Sticky));
        Assert.Equal(new DateTimeOffset(2024, 3, 4, 10, 0, 0, TimeSpan.Zero), river.DateGmt);
        Assert.Equal(["local"], river.CategorySlugs);
        Assert.Equal(["floods"], river.TagSlugs);
        Assert.Contains(KeyValuePair.Create("_wp_old_slug", "river-rising"), river.Meta);
        Assert.Equal([5L, 6, 8, 9, 11], river.Comments.Select(comment => comment.Id));
        Assert.Equal(["1", "1", "0", "spam", "trash"], river.Comments.Select(comment => comment.Approved));
        Assert.Equal(5, river.Comments[1].ParentId);
        Assert.Equal("http://reader.example/?a=1&b=2", river.Comments[0].AuthorUrl);
        Assert.Equal(("tom@reader.example", "192.0.2.10"), (river.Comments[0].AuthorEmail, river.Comments[0].AuthorIp));
        Assert.Equal(new DateTimeOffset(2024, 3, 4, 11, 0, 0, TimeSpan.Zero), river.Comments[0].DateGmt);

        var draft = posts[1];
        Assert.Null(draft.DateGmt);
        Assert.Equal(new DateTime(2024, 3, 5, 9, 0, 0), draft.DateLocal);
        Assert.Equal("letmein", posts[3].Password);
        Assert.Equal(20, posts[5].ParentId);
        Assert.Equal("http://riverside.example/wp-content/uploads/2024/03/bridge.jpg", posts[6].AttachmentUrl);
        Assert.Equal(2, reader.RepairedAmpersands);
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("1.1")]
    [InlineData("1.2")]
    public void EveryVersionReadsAlike(string version)
    {
        var xml = Export(version, $"""
            <item><title>Old times</title><dc:creator>editor</dc:creator>
            <content:encoded><![CDATA[Text & more]]></content:encoded><excerpt:encoded><![CDATA[Short]]></excerpt:encoded>
            <wp:post_id>3</wp:post_id><wp:post_date>2009-05-01 10:00:00</wp:post_date><wp:post_date_gmt>2009-05-01 08:00:00</wp:post_date_gmt>
            <wp:post_name>old-times</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
            <category domain="tag" nicename="history">History</category><category>Uncategorized</category>
            </item>
            """);

        var post = Assert.Single(Read(xml, out var reader).OfType<WxrPost>());

        Assert.Equal(version, reader.Version);
        Assert.Equal(("Old times", "Text & more", "Short", "editor"), (post.Title, post.Content, post.Excerpt, post.Creator));
        Assert.Equal(["history"], post.TagSlugs);
        Assert.Equal(["uncategorized"], post.CategorySlugs);
        Assert.Equal("Uncategorized", post.TermNames["uncategorized"]);
    }

    [Fact]
    public void StrayAmpersandsAreEscapedAndReferencesAndCdataLeftAlone()
    {
        var xml = Export("1.2", """
            <item><title>Fish &amp; chips &#8217;n&#x2019; peas & co &nbsp;</title>
            <content:encoded><![CDATA[a & b &amp; c]]></content:encoded>
            <wp:post_id>4</wp:post_id><wp:post_type>post</wp:post_type></item>
            """);

        var post = Assert.Single(Read(xml, out var reader).OfType<WxrPost>());

        Assert.Equal("Fish & chips \u2019n\u2019 peas & co &nbsp;", post.Title);
        Assert.Equal("a & b &amp; c", post.Content);
        Assert.Equal(2, reader.RepairedAmpersands);
    }

    [Fact]
    public void AnAmpersandAtTheEdgeOfTheRepairBufferIsJudgedWhole()
    {
        // Past the first 64 KiB of text, so the lookahead straddles a refill.
        var padding = new string('x', 64 * 1024 - 300);
        var xml = Export("1.2", $"<item><title>{padding} &amp; &#38; & end</title><wp:post_id>4</wp:post_id><wp:post_type>post</wp:post_type></item>");

        var post = Assert.Single(Read(xml, out var reader).OfType<WxrPost>());

        Assert.EndsWith(" & & & end", post.Title, StringComparison.Ordinal);
        Assert.Equal(1, reader.RepairedAmpersands);
    }

    [Fact]
    public void ATruncatedFileStopsWithItsLine()
    {
        var whole = File.ReadAllText(SmallExport);
        var cut = whole[..whole.IndexOf("<wp:post_id>13</wp:post_id>", StringComparison.Ordinal)];
        var line = cut.Count(c => c == '\n') + 1;

        var failure = Assert.Throws<WxrFormatException>(() => Read(cut, out _).ToList());

        Assert.InRange(failure.Line, line - 1, line + 1);
        Assert.StartsWith($"line {failure.Line}: ", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileThatIsNotAnExportIsRefused()
    {
        var failure = Assert.Throws<WxrFormatException>(() => Read("<html><body>Not here</body></html>", out _).ToList());

        Assert.Contains("not a WordPress export", failure.Message, StringComparison.Ordinal);
    }

    public static readonly string Latin1Export = Repository.Path("tests", "Gazette.Tests", "Import", "latin1-export.xml");

    [Fact]
    public void ALatin1ExportReadsInItsDeclaredEncodingThroughTheAmpersandRepair()
    {
        using var stream = File.OpenRead(Latin1Export);
        using var reader = new WxrReader(stream);
        var entries = reader.ReadAll().ToList();

        Assert.Equal("José Núñez", entries.OfType<WxrAuthor>().Single().DisplayName);
        var economy = entries.OfType<WxrTerm>().Single();
        Assert.Equal(("Économie", "Les marchés & l'emploi"), (economy.Name, economy.Description));
        var post = entries.OfType<WxrPost>().Single();
        // ISO-8859-1 is read as windows-1252, as browsers read it: 0x96 and 0x92 are a dash and a quote.
        Assert.Equal("Cafés de Zürich \u2013 l\u2019été & la ville", post.Title);
        Assert.Equal("Les terrasses à Zürich & Genève ont rouvert \u2014 « enfin ».", post.Content);
        Assert.Equal("http://lecteur.example/?q=crème&lang=fr", post.Comments.Single().AuthorUrl);
        Assert.Equal("Renée", post.Comments.Single().Author);
        Assert.Equal(2, reader.RepairedAmpersands);
    }

    [Theory]
    [InlineData("windows-1252")]
    [InlineData("ISO-8859-15")]
    public void AnExportInASingleByteEncodingReadsAsDeclared(string encoding)
    {
        var xml = Export("1.2", "<item><title>Gr\u00fc\u00dfe aus K\u00f6ln</title><wp:post_id>1</wp:post_id><wp:post_type>post</wp:post_type></item>")
            .Replace("encoding=\"UTF-8\"", $"encoding=\"{encoding}\"", StringComparison.Ordinal);
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

        using var reader = new WxrReader(new MemoryStream(Encoding.GetEncoding(encoding).GetBytes(xml)));

        Assert.Equal("Grüße aus Köln", reader.ReadAll().OfType<WxrPost>().Single().Title);
    }

    [Fact]
    public void AnEncodingGazetteCannotReadIsNamed()
    {
        var xml = Export("1.2", "").Replace("encoding=\"UTF-8\"", "encoding=\"x-martian\"", StringComparison.Ordinal);

        var failure = Assert.Throws<WxrFormatException>(() => new WxrReader(new MemoryStream(Encoding.UTF8.GetBytes(xml))));

        Assert.Contains("encoding 'x-martian'", failure.Message, StringComparison.Ordinal);
    }

    private static List<WxrEntry> Read(string xml, out WxrReader reader)
    {
        reader = new WxrReader(new MemoryStream(Encoding.UTF8.GetBytes(xml)));
        return reader.ReadAll().ToList();
    }

    private static string Export(string version, string items) => $"""
        <?xml version="1.0" encoding="UTF-8" ?>
        <rss version="2.0" xmlns:excerpt="http://wordpress.org/export/{version}/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/"
          xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/{version}/">
        <channel><title>Site</title><wp:wxr_version>{version}</wp:wxr_version>
        {items}
        </channel></rss>
        """;
}
