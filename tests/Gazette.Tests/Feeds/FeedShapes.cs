using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;

namespace Gazette.Tests.Feeds;

/// <summary>What every feed must be, by its specification, checked on the bytes served: parsed as readers parse them.</summary>
public static class FeedShapes
{
    public static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    public static readonly XNamespace DublinCore = "http://purl.org/dc/elements/1.1/";
    public static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";

    /// <summary>RSS 2.0: SyndicationFeed reads it, and the channel and items carry what the brief's checklist and the spec require.</summary>
    public static SyndicationFeed Rss(string xml)
    {
        var feed = Load(xml);
        var channel = XDocument.Parse(xml).Root!.Element("channel")!;
        foreach (var required in new[] { "title", "link", "description", "lastBuildDate" })
        {
            Assert.NotNull(channel.Element(required));
        }
        var self = channel.Elements(Atom + "link").Single(link => (string?)link.Attribute("rel") == "self");
        Assert.StartsWith("http", (string?)self.Attribute("href"), StringComparison.Ordinal);
        foreach (var item in channel.Elements("item"))
        {
            Assert.NotNull(item.Element("title"));
            Assert.StartsWith("http", item.Element("link")!.Value, StringComparison.Ordinal);
            Assert.NotNull(item.Element("guid")!.Attribute("isPermaLink"));
            Assert.NotNull(item.Element("pubDate"));
            Assert.Null(item.Element("author"));
            Assert.NotEmpty(item.Elements(DublinCore + "creator"));
        }
        return feed;
    }

    /// <summary>Atom (RFC 4287): SyndicationFeed reads it; the feed and each entry have id, title, updated, the links and an author.</summary>
    public static SyndicationFeed AtomFeed(string xml)
    {
        var feed = Load(xml);
        var root = XDocument.Parse(xml).Root!;
        Assert.Equal(Atom + "feed", root.Name);
        foreach (var required in new[] { "id", "title", "updated" })
        {
            Assert.NotNull(root.Element(Atom + required));
        }
        Assert.Contains(root.Elements(Atom + "link"), link => (string?)link.Attribute("rel") == "self");
        Assert.Contains(root.Elements(Atom + "link"), link => (string?)link.Attribute("rel") == "alternate");
        foreach (var entry in root.Elements(Atom + "entry"))
        {
            foreach (var required in new[] { "id", "title", "updated", "published", "author", "link" })
            {
                Assert.NotNull(entry.Element(Atom + required));
            }
        }
        return feed;
    }

    /// <summary>JSON Feed 1.1: the top-level and item fields the spec requires (and those Gazette promises), with RFC 3339 dates.</summary>
    public static JsonElement Json(string json)
    {
        var root = JsonDocument.Parse(json).RootElement;
        Assert.Equal("https://jsonfeed.org/version/1.1", root.GetProperty("version").GetString());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("title").GetString()));
        Assert.StartsWith("http", root.GetProperty("home_page_url").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("http", root.GetProperty("feed_url").GetString(), StringComparison.Ordinal);
        foreach (var item in root.GetProperty("items").EnumerateArray())
        {
            Assert.False(string.IsNullOrEmpty(item.GetProperty("id").GetString()));
            Assert.StartsWith("http", item.GetProperty("url").GetString(), StringComparison.Ordinal);
            Assert.True(item.TryGetProperty("content_html", out _) || item.TryGetProperty("content_text", out _));
            Assert.True(DateTimeOffset.TryParse(item.GetProperty("date_published").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));
            Assert.True(DateTimeOffset.TryParse(item.GetProperty("date_modified").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));
            Assert.NotEqual(0, item.GetProperty("authors").GetArrayLength());
        }
        return root;
    }

    private static SyndicationFeed Load(string xml)
    {
        using var reader = XmlReader.Create(new StringReader(xml));
        return SyndicationFeed.Load(reader);
    }
}
