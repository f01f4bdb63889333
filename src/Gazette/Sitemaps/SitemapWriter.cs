using System.Globalization;
using System.Text;
using System.Xml;

namespace Gazette.Sitemaps;

/// <summary>
/// Writes a sitemap (sitemaps.org 0.9, Google News 0.9) straight to the
/// response: each URL as it is read, the writer's buffer handed on every
/// <see cref="FlushEvery"/> URLs, so a reader starts receiving at once and the
/// server holds a few URLs, not the file. A writer that fails is left
/// unfinished, never closed: a cut file must not read as a complete one.
/// </summary>
public sealed class SitemapWriter
{
    public const string Namespace = "http://www.sitemaps.org/schemas/sitemap/0.9";
    public const string NewsNamespace = "http://www.google.com/schemas/sitemap-news/0.9";
    public const string ContentType = "application/xml; charset=utf-8";
    public const int FlushEvery = 100;

    private readonly XmlWriter _xml;
    private int _written;

    private SitemapWriter(Stream body) =>
        _xml = XmlWriter.Create(body, new XmlWriterSettings { Async = true, Encoding = new UTF8Encoding(false), CloseOutput = false });

    /// <summary>A <c>urlset</c> (with the news namespace when <paramref name="news"/>), or with <paramref name="index"/> a <c>sitemapindex</c>.</summary>
    public static async Task<SitemapWriter> StartAsync(Stream body, bool index = false, bool news = false)
    {
        var writer = new SitemapWriter(body);
        await writer._xml.WriteStartDocumentAsync();
        await writer._xml.WriteStartElementAsync(null, index ? "sitemapindex" : "urlset", Namespace);
        if (news)
        {
            await writer._xml.WriteAttributeStringAsync("xmlns", "news", null, NewsNamespace);
        }
        return writer;
    }

    /// <summary>W3C Datetime, in UTC: what lastmod and news:publication_date take.</summary>
    public static string W3c(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public async Task UrlAsync(string location, DateTimeOffset lastModified)
    {
        await _xml.WriteStartElementAsync(null, "url", Namespace);
        await _xml.WriteElementStringAsync(null, "loc", Namespace, location);
        await _xml.WriteElementStringAsync(null, "lastmod", Namespace, W3c(lastModified));
        await _xml.WriteEndElementAsync();
        await CountAsync();
    }

    /// <summary>One line of the index: a sitemap file and when the newest of its URLs changed.</summary>
    public async Task SitemapAsync(string location, DateTimeOffset lastModified)
    {
        await _xml.WriteStartElementAsync(null, "sitemap", Namespace);
        await _xml.WriteElementStringAsync(null, "loc", Namespace, location);
        await _xml.WriteElementStringAsync(null, "lastmod", Namespace, W3c(lastModified));
        await _xml.WriteEndElementAsync();
        await CountAsync();
    }

    /// <summary>A news article: its URL and Google News's publication, date and title.</summary>
    public async Task NewsAsync(string location, string publication, string language, DateTimeOffset publishedAt, string title)
    {
        await _xml.WriteStartElementAsync(null, "url", Namespace);
        await _xml.WriteElementStringAsync(null, "loc", Namespace, location);
        await _xml.WriteStartElementAsync("news", "news", NewsNamespace);
        await _xml.WriteStartElementAsync("news", "publication", NewsNamespace);
        await _xml.WriteElementStringAsync("news", "name", NewsNamespace, publication);
        await _xml.WriteElementStringAsync("news", "language", NewsNamespace, language);
        await _xml.WriteEndElementAsync();
        await _xml.WriteElementStringAsync("news", "publication_date", NewsNamespace, W3c(publishedAt));
        await _xml.WriteElementStringAsync("news", "title", NewsNamespace, title);
        await _xml.WriteEndElementAsync();
        await _xml.WriteEndElementAsync();
        await CountAsync();
    }

    private async Task CountAsync()
    {
        if (++_written % FlushEvery == 0)
        {
            await _xml.FlushAsync();
        }
    }

    /// <summary>Closes the root and hands the rest on.</summary>
    public async Task EndAsync()
    {
        await _xml.WriteEndDocumentAsync();
        await _xml.FlushAsync();
        await _xml.DisposeAsync();
    }
}
