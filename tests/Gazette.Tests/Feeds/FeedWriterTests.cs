using System.Text;
using Gazette.Articles.Contracts;
using Gazette.Feeds;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Feeds;

/// <summary>
/// Golden files: a fixed feed (fixed dates, text with markup, quotes and Chinese,
/// an item without a byline, one in summary-only form) must be written byte for
/// byte as committed in Feeds/Golden, and each must read back as its specification says.
/// </summary>
public sealed class FeedWriterTests
{
    private static readonly DateTimeOffset Published = new(2026, 11, 28, 8, 30, 0, TimeSpan.Zero);

    private static readonly Feed Sample = new(
        "The Gazette: World",
        "The latest from World & beyond.",
        "https://news.example.org/section/world/",
        "https://news.example.org/section/world/feed/",
        "en",
        Published.AddHours(3),
        "The Gazette",
        [
            new FeedItem("https://news.example.org/?p=42", "https://news.example.org/2026/11/harbour-budget/", "Harbour <b>budget</b> “agreed”",
                "Councillors agreed the harbour budget & the plan.", "<p>Councillors agreed the <a href=\"https://news.example.org/tag/harbour/\">harbour</a> budget.</p><p>中国外交部 ]]> end</p>",
                Published, Published.AddHours(3), ["Jane Reporter", "Agency Wire"], ["World", "Harbour"]),
            new FeedItem("https://news.example.org/?p=41", "https://news.example.org/2026/11/quiet-night/", "A quiet night",
                "Nothing happened.", null, Published.AddDays(-1), Published.AddDays(-1), [], []),
        ]);

    [Theory]
    [InlineData(ArticleFeedFormat.Rss, "feed.rss.xml")]
    [InlineData(ArticleFeedFormat.Atom, "feed.atom.xml")]
    [InlineData(ArticleFeedFormat.Json, "feed.json")]
    public void TheFeedIsWrittenAsTheGoldenFile(ArticleFeedFormat format, string golden)
    {
        var written = Encoding.UTF8.GetString(FeedFormats.Write(Sample, format));
        var path = Repository.Path("tests", "Gazette.Tests", "Feeds", "Golden", golden);
        if (Environment.GetEnvironmentVariable("GAZETTE_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, written);
        }
        Assert.Equal(File.ReadAllText(path), written);
    }

    [Fact]
    public void RssReadsBackWithBylinesAsCreatorsAndTheFullTextAsContentEncoded()
    {
        var xml = Encoding.UTF8.GetString(RssWriter.Write(Sample));
        var feed = FeedShapes.Rss(xml);

        var first = feed.Items.First();
        Assert.Equal("Harbour <b>budget</b> “agreed”", first.Title.Text);
        Assert.Equal("https://news.example.org/?p=42", first.Id);
        var document = System.Xml.Linq.XDocument.Parse(xml);
        var item = document.Root!.Element("channel")!.Elements("item").First();
        Assert.Equal(["Jane Reporter", "Agency Wire"], item.Elements(FeedShapes.DublinCore + "creator").Select(creator => creator.Value));
        Assert.Contains("中国外交部 ]]> end", item.Element(FeedShapes.Content + "encoded")!.Value, StringComparison.Ordinal);
        Assert.Null(document.Root!.Element("channel")!.Elements("item").Last().Element(FeedShapes.Content + "encoded"));
    }

    [Fact]
    public void AtomReadsBackWithTheSiteAsAuthorOfAnEntryWithoutByline()
    {
        var feed = FeedShapes.AtomFeed(Encoding.UTF8.GetString(AtomWriter.Write(Sample)));

        Assert.Equal("https://news.example.org/section/world/", feed.Id);
        Assert.Equal(Published.AddHours(3), feed.LastUpdatedTime);
        Assert.Equal("The Gazette", feed.Items.Last().Authors.Single().Name);
        Assert.Equal(Published.AddDays(-1), feed.Items.Last().PublishDate);
    }

    [Fact]
    public void JsonFeedHasContentHtmlOrTheSummaryAsText()
    {
        var feed = FeedShapes.Json(Encoding.UTF8.GetString(JsonFeedWriter.Write(Sample)));

        var items = feed.GetProperty("items").EnumerateArray().ToList();
        Assert.StartsWith("<p>Councillors", items[0].GetProperty("content_html").GetString(), StringComparison.Ordinal);
        Assert.Equal("Nothing happened.", items[1].GetProperty("content_text").GetString());
        Assert.Equal("2026-11-28T08:30:00Z", items[0].GetProperty("date_published").GetString());
    }
}
