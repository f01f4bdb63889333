using System.Globalization;
using Gazette.Articles.Contracts;
using Gazette.Caching;
using Gazette.Rendering;
using Gazette.Web;
using Microsoft.Extensions.Options;

namespace Gazette.Sitemaps;

/// <summary>
/// /sitemap.xml (the index), its files (/sitemap-{kind}-{n}.xml) and
/// /news-sitemap.xml, in Public API: documents, not theme pages. The index, the
/// news sitemap and the small kinds' files are kept in the page cache and
/// evicted by article events; article files hold up to 50,000 URLs, so they
/// are streamed every time and answer a repeat with 304 instead (decision 100).
/// </summary>
public static class SitemapEndpoints
{
    public const string IndexPath = "/sitemap.xml";
    public const string NewsPath = "/news-sitemap.xml";

    /// <summary>Google News reads articles of the last two days, at most 1,000 of them.</summary>
    public static readonly TimeSpan NewsWindow = TimeSpan.FromDays(2);
    public const int NewsLimit = 1_000;

    /// <summary>
    /// Files of 50,000 URLs, kept out of the page cache, which would hold each whole. Archives
    /// stay cached: a tag's line costs a scan of its articles for its newest change, and a
    /// site has far fewer tags than articles.
    /// </summary>
    private static readonly PublicPlaceKind[] Streamed = [PublicPlaceKind.Article];

    private static readonly string[] GetOrHead = [HttpMethods.Get, HttpMethods.Head];

    public static void Map(RouteGroups groups)
    {
        groups.PublicApi.MapMethods(IndexPath, GetOrHead, IndexAsync).WithName("SitemapIndex");
        groups.PublicApi.MapMethods(NewsPath, GetOrHead, News).WithName("NewsSitemap");
        foreach (var kind in SitemapFile.Names.Keys)
        {
            var file = groups.PublicApi.MapMethods(SitemapFile.Route(kind), GetOrHead,
                    (int number, HttpContext context, SitemapBlocks blocks, IPublicArticles articles, IAuthorDirectory authors, SitemapAddress address) =>
                        FileAsync(new SitemapFile(kind, number), context, blocks, articles, authors, address))
                .WithName("Sitemap" + SitemapFile.Names[kind]);
            if (Streamed.Contains(kind))
            {
                file.NotCached();
            }
        }
    }

    private static async Task<IResult> IndexAsync(HttpContext context, SitemapBlocks blocks, SitemapAddress address)
    {
        var files = new List<(SitemapFile File, PublicBlock Block)>();
        foreach (var kind in SitemapFile.Names.Keys)
        {
            files.AddRange((await blocks.OfAsync(kind, context.RequestAborted)).Select(block => (new SitemapFile(kind, block.Number), block)));
        }
        PageCache.Tag(context, SitemapCacheEviction.Tag);
        var tag = address.Tag(context.Request, string.Join(';', files.Select(file => Describe(file.File, file.Block))));
        return Results.Stream(async body =>
        {
            var writer = await SitemapWriter.StartAsync(body, index: true);
            foreach (var (file, block) in files)
            {
                await writer.SitemapAsync(address.Absolute(context.Request, file.Path), block.LastChanged);
            }
            await writer.EndAsync();
        }, SitemapWriter.ContentType, lastModified: files.Count == 0 ? null : files.Max(file => file.Block.LastChanged), entityTag: tag);
    }

    private static async Task<IResult> FileAsync(SitemapFile file, HttpContext context, SitemapBlocks blocks, IPublicArticles articles, IAuthorDirectory authors,
        SitemapAddress address)
    {
        var cancellationToken = context.RequestAborted;
        if (await blocks.FindAsync(file.Kind, file.Number, cancellationToken) is not { } block)
        {
            return Results.NotFound();
        }
        PageCache.Tag(context, SitemapCacheEviction.Tag);
        var places = articles.PlacesAsync(file.Kind, new PublicBlockRange(file.Number, blocks.Width), cancellationToken);
        if (file.Kind == PublicPlaceKind.Author)
        {
            places = AuthorPages.NameAsync(places, authors, cancellationToken);
        }
        return Results.Stream(body => WriteAsync(context, body, places), SitemapWriter.ContentType,
            lastModified: block.LastChanged, entityTag: address.Tag(context.Request, Describe(file, block)));

        async Task WriteAsync(HttpContext context, Stream body, IAsyncEnumerable<PublicPlace> places)
        {
            var writer = await SitemapWriter.StartAsync(body);
            await foreach (var place in places)
            {
                await writer.UrlAsync(address.Absolute(context.Request, place.Path!), place.LastChanged);
            }
            await writer.EndAsync();
        }
    }

    private static IResult News(HttpContext context, IPublicArticles articles, TimeProvider time, IOptionsMonitor<SiteOptions> site, SitemapAddress address)
    {
        PageCache.Tag(context, SitemapCacheEviction.Tag);
        var since = time.GetUtcNow() - NewsWindow;
        var name = site.CurrentValue.Title;
        var language = NewsLanguage.Of(site.CurrentValue.Language);
        return Results.Stream(async body =>
        {
            var writer = await SitemapWriter.StartAsync(body, news: true);
            await foreach (var article in articles.PublishedSinceAsync(since, NewsLimit, context.RequestAborted))
            {
                await writer.NewsAsync(address.Absolute(context.Request, article.Path), name, language, article.PublishedAt, article.Title);
            }
            await writer.EndAsync();
        }, SitemapWriter.ContentType);
    }

    private static string Describe(SitemapFile file, PublicBlock block) =>
        string.Create(CultureInfo.InvariantCulture, $"{file.Path}:{block.Count}:{block.LastChanged.UtcTicks}");
}
