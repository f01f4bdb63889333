using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Gazette.Feeds;

/// <summary>
/// JSON Feed 1.1. Each item has <c>content_html</c>, or in summary-only feeds
/// <c>content_text</c> (the spec requires one of the two), and its summary.
/// Non-ASCII text is written as is; characters that matter to HTML are escaped.
/// </summary>
public static class JsonFeedWriter
{
    public const string Version = "https://jsonfeed.org/version/1.1";

    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static byte[] Write(Feed feed)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            writer.WriteString("version", Version);
            writer.WriteString("title", feed.Title);
            writer.WriteString("home_page_url", feed.HomeUrl);
            writer.WriteString("feed_url", feed.FeedUrl);
            writer.WriteString("description", feed.Description);
            writer.WriteString("language", feed.Language);
            writer.WriteStartArray("items");
            foreach (var item in feed.Items)
            {
                WriteItem(writer, item, feed.AuthorsOf(item));
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void WriteItem(Utf8JsonWriter writer, FeedItem item, IReadOnlyList<string> authors)
    {
        writer.WriteStartObject();
        writer.WriteString("id", item.Id);
        writer.WriteString("url", item.Url);
        writer.WriteString("title", item.Title);
        if (item.ContentHtml is { } content)
        {
            writer.WriteString("content_html", content);
        }
        else
        {
            writer.WriteString("content_text", item.Summary);
        }
        if (item.Summary.Length > 0)
        {
            writer.WriteString("summary", item.Summary);
        }
        writer.WriteString("date_published", FeedXml.Rfc3339(item.Published));
        writer.WriteString("date_modified", FeedXml.Rfc3339(item.Updated));
        writer.WriteStartArray("authors");
        foreach (var author in authors)
        {
            writer.WriteStartObject();
            writer.WriteString("name", author);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        if (item.Categories.Count > 0)
        {
            writer.WriteStartArray("tags");
            foreach (var category in item.Categories)
            {
                writer.WriteStringValue(category);
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }
}
