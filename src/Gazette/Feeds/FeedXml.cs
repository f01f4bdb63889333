using System.Globalization;
using System.Text;
using System.Xml;

namespace Gazette.Feeds;

/// <summary>What the RSS and Atom writers share: UTF-8 without a byte order mark, indented, and the two date forms.</summary>
internal static class FeedXml
{
    public static byte[] Write(Action<XmlWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            write(writer);
        }
        return buffer.ToArray();
    }

    /// <summary>RFC 822 (with a four-digit year, as RSS 2.0 asks), in GMT.</summary>
    public static string Rfc822(DateTimeOffset moment) => moment.ToUniversalTime().ToString("r", CultureInfo.InvariantCulture);

    /// <summary>RFC 3339 in UTC, to the second: Atom's and JSON Feed's dates.</summary>
    public static string Rfc3339(DateTimeOffset moment) => moment.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
