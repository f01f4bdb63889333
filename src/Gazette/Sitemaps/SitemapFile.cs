using System.Globalization;
using Gazette.Articles.Contracts;

namespace Gazette.Sitemaps;

/// <summary>One file of the sitemap index: block <see cref="Number"/> of one kind of public place.</summary>
public sealed record SitemapFile(PublicPlaceKind Kind, int Number)
{
    /// <summary>Each kind's word in its files' names (/sitemap-articles-1.xml).</summary>
    public static readonly IReadOnlyDictionary<PublicPlaceKind, string> Names = new Dictionary<PublicPlaceKind, string>
    {
        [PublicPlaceKind.Article] = "articles",
        [PublicPlaceKind.Section] = "sections",
        [PublicPlaceKind.Tag] = "tags",
        [PublicPlaceKind.Author] = "authors",
        [PublicPlaceKind.Page] = "pages",
    };

    public string Path => string.Create(CultureInfo.InvariantCulture, $"/sitemap-{Names[Kind]}-{Number}.xml");

    /// <summary>The route of a kind's files, its number constrained so nothing else reaches the handler.</summary>
    public static string Route(PublicPlaceKind kind) => $"/sitemap-{Names[kind]}-{{number:int:min(1)}}.xml";
}
