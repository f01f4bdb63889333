using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace Gazette.Tests.Sitemaps;

/// <summary>Sitemaps as a crawler reads them: parsed, and valid against the sitemaps.org and Google News schemas in Schemas/.</summary>
public static class SitemapXml
{
    public static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";
    public static readonly XNamespace News = "http://www.google.com/schemas/sitemap-news/0.9";

    private static readonly Lazy<XmlSchemaSet> Schemas = new(() =>
    {
        var set = new XmlSchemaSet();
        foreach (var name in new[] { "sitemap.xsd", "news.xsd" })
        {
            using var stream = typeof(SitemapXml).Assembly.GetManifestResourceStream($"Gazette.Tests.Sitemaps.Schemas.{name}")!;
            using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            set.Add(XmlSchema.Read(reader, null)!);
        }
        set.Compile();
        return set;
    });

    /// <summary>The document, or a failed assertion naming the first place it breaks the protocol.</summary>
    public static XDocument Valid(string xml)
    {
        var document = XDocument.Parse(xml, LoadOptions.SetLineInfo);
        var errors = new List<string>();
        document.Validate(Schemas.Value, (_, error) => errors.Add($"{error.Severity}: {error.Message}"));
        Assert.Empty(errors);
        return document;
    }

    /// <summary>Every loc of a urlset or sitemapindex, in order.</summary>
    public static List<string> Locations(XDocument document) =>
        [.. document.Root!.Elements().Select(entry => (string)entry.Element(Sitemap + "loc")!)];

    /// <summary>The index's files and every URL they list, read as a crawler would.</summary>
    public static async Task<(List<string> Files, List<XElement> Urls)> CrawlAsync(HttpClient client)
    {
        var index = Valid(await client.GetStringAsync(new Uri("/sitemap.xml", UriKind.Relative)));
        Assert.Equal(Sitemap + "sitemapindex", index.Root!.Name);
        var files = Locations(index);
        var urls = new List<XElement>();
        foreach (var file in files)
        {
            var set = Valid(await client.GetStringAsync(new Uri(file)));
            Assert.Equal(Sitemap + "urlset", set.Root!.Name);
            urls.AddRange(set.Root.Elements(Sitemap + "url"));
        }
        return (files, urls);
    }

    public static string Loc(XElement url) => (string)url.Element(Sitemap + "loc")!;
}
