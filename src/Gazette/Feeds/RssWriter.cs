using System.Xml;

namespace Gazette.Feeds;

/// <summary>
/// RSS 2.0. Bylines and commenters go in <c>dc:creator</c>: RSS's own
/// <c>author</c> must hold an email address, which a feed never shows. The
/// summary is the description; the full text, when given, is <c>content:encoded</c>.
/// </summary>
public static class RssWriter
{
    private const string Atom = "http://www.w3.org/2005/Atom";
    private const string DublinCore = "http://purl.org/dc/elements/1.1/";
    private const string Content = "http://purl.org/rss/1.0/modules/content/";

    public static byte[] Write(Feed feed) => FeedXml.Write(writer =>
    {
        writer.WriteStartDocument();
        writer.WriteStartElement("rss");
        writer.WriteAttributeString("version", "2.0");
        writer.WriteAttributeString("xmlns", "atom", null, Atom);
        writer.WriteAttributeString("xmlns", "dc", null, DublinCore);
        writer.WriteAttributeString("xmlns", "content", null, Content);
        writer.WriteStartElement("channel");
        writer.WriteElementString("title", feed.Title);
        writer.WriteElementString("link", feed.HomeUrl);
        writer.WriteElementString("description", feed.Description);
        writer.WriteElementString("language", feed.Language);
        writer.WriteElementString("lastBuildDate", FeedXml.Rfc822(feed.Updated));
        writer.WriteElementString("generator", "Gazette");
        writer.WriteStartElement("link", Atom);
        writer.WriteAttributeString("href", feed.FeedUrl);
        writer.WriteAttributeString("rel", "self");
        writer.WriteAttributeString("type", "application/rss+xml");
        writer.WriteEndElement();
        foreach (var item in feed.Items)
        {
            WriteItem(writer, item, feed.AuthorsOf(item));
        }
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndDocument();
    });

    private static void WriteItem(XmlWriter writer, FeedItem item, IReadOnlyList<string> authors)
    {
        writer.WriteStartElement("item");
        writer.WriteElementString("title", item.Title);
        writer.WriteElementString("link", item.Url);
        writer.WriteStartElement("guid");
        writer.WriteAttributeString("isPermaLink", "false");
        writer.WriteString(item.Id);
        writer.WriteEndElement();
        writer.WriteElementString("pubDate", FeedXml.Rfc822(item.Published));
        foreach (var author in authors)
        {
            writer.WriteElementString("creator", DublinCore, author);
        }
        foreach (var category in item.Categories)
        {
            writer.WriteElementString("category", category);
        }
        if (item.Summary.Length > 0)
        {
            writer.WriteElementString("description", item.Summary);
        }
        if (item.ContentHtml is { } content)
        {
            writer.WriteStartElement("encoded", Content);
            writer.WriteCData(content);
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
    }
}
