namespace Gazette.Feeds;

/// <summary>
/// Atom 1.0 (RFC 4287). Every entry names an author (the site when it has no
/// byline), as the RFC requires of entries in a feed without one; the text is
/// <c>content type="html"</c> and the summary <c>summary type="text"</c>.
/// </summary>
public static class AtomWriter
{
    private const string Atom = "http://www.w3.org/2005/Atom";

    public static byte[] Write(Feed feed) => FeedXml.Write(writer =>
    {
        writer.WriteStartDocument();
        writer.WriteStartElement("feed", Atom);
        writer.WriteAttributeString("xml", "lang", null, feed.Language);
        writer.WriteElementString("id", Atom, feed.HomeUrl);
        WriteText(writer, "title", feed.Title);
        WriteText(writer, "subtitle", feed.Description);
        writer.WriteElementString("updated", Atom, FeedXml.Rfc3339(feed.Updated));
        WriteLink(writer, "alternate", "text/html", feed.HomeUrl);
        WriteLink(writer, "self", "application/atom+xml", feed.FeedUrl);
        writer.WriteElementString("generator", Atom, "Gazette");
        foreach (var item in feed.Items)
        {
            writer.WriteStartElement("entry", Atom);
            writer.WriteElementString("id", Atom, item.Id);
            WriteText(writer, "title", item.Title);
            WriteLink(writer, "alternate", "text/html", item.Url);
            writer.WriteElementString("published", Atom, FeedXml.Rfc3339(item.Published));
            writer.WriteElementString("updated", Atom, FeedXml.Rfc3339(item.Updated));
            foreach (var author in feed.AuthorsOf(item))
            {
                writer.WriteStartElement("author", Atom);
                writer.WriteElementString("name", Atom, author);
                writer.WriteEndElement();
            }
            foreach (var category in item.Categories)
            {
                writer.WriteStartElement("category", Atom);
                writer.WriteAttributeString("term", category);
                writer.WriteEndElement();
            }
            if (item.Summary.Length > 0)
            {
                WriteText(writer, "summary", item.Summary);
            }
            if (item.ContentHtml is { } content)
            {
                writer.WriteStartElement("content", Atom);
                writer.WriteAttributeString("type", "html");
                writer.WriteString(content);
                writer.WriteEndElement();
            }
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
        writer.WriteEndDocument();
    });

    private static void WriteText(System.Xml.XmlWriter writer, string name, string text)
    {
        writer.WriteStartElement(name, Atom);
        writer.WriteAttributeString("type", "text");
        writer.WriteString(text);
        writer.WriteEndElement();
    }

    private static void WriteLink(System.Xml.XmlWriter writer, string rel, string type, string href)
    {
        writer.WriteStartElement("link", Atom);
        writer.WriteAttributeString("rel", rel);
        writer.WriteAttributeString("type", type);
        writer.WriteAttributeString("href", href);
        writer.WriteEndElement();
    }
}
