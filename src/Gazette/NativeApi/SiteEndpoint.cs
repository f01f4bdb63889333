using System.ComponentModel;
using System.Reflection;
using Gazette.Articles.Contracts;
using Gazette.Rendering;

namespace Gazette.NativeApi;

[Description("How much the public can read.")]
public sealed record SiteCounts(
    [property: Description("Published articles the public may see.")] int Articles,
    [property: Description("Published pages.")] int Pages,
    [property: Description("Sections holding at least one public article.")] int Sections,
    [property: Description("Tags on at least one public article.")] int Tags);

[Description("What an integrator needs to know about the site.")]
public sealed record SiteInfo(
    [property: Description("The site's title.")] string Name,
    [property: Description("The site's tagline.")] string Description,
    [property: Description("The site's public address, ending in /.")] string Url,
    [property: Description("The language the site is written in, a BCP 47 tag.")] string Language,
    [property: Description("The IANA time zone readers' dates are shown in.")] string TimeZone,
    [property: Description("Gazette's version.")] string Version,
    [property: Description("How article links are made, in WordPress's tags (/%year%/%monthnum%/%postname%/).")] string PermalinkPattern,
    SiteCounts Counts);

/// <summary><c>GET /api/v1/site</c>: the site's name, address, version, permalink pattern and what the public can read.</summary>
public static class SiteEndpoint
{
    private static readonly string Version =
        typeof(SiteEndpoint).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0";

    public static void Map(RouteGroupBuilder reads) =>
        reads.MapGet("/site", ReadAsync)
            .WithName("ApiGetSite")
            .WithTags("Site")
            .WithSummary("The site")
            .WithDescription("Name, address, language, time zone, Gazette's version, the permalink pattern and counts of what the public can read.")
            .Produces<SiteInfo>()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    private static async Task<IResult> ReadAsync(HttpContext context, PageRenderer pages, IPublicArticleQueries queries, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var site = pages.Site;
        var articles = await queries.ArticlesAsync(new PublicArticleQuery("article", 1, 1), cancellationToken);
        var pageCount = await queries.ArticlesAsync(new PublicArticleQuery("page", 1, 1), cancellationToken);
        var sections = await queries.TermsAsync(new PublicTermQuery(PublicTermKind.Section, 1, 1) { HideEmpty = true }, cancellationToken);
        var tags = await queries.TermsAsync(new PublicTermQuery(PublicTermKind.Tag, 1, 1) { HideEmpty = true }, cancellationToken);
        var pattern = configuration[PermalinkSettingKey.Key];
        return Results.Ok(new SiteInfo(site.Title, site.Tagline, pages.Absolute(context.Request, "/"), site.Language, site.TimeZone, Version,
            string.IsNullOrWhiteSpace(pattern) ? PermalinkSettingKey.DefaultPattern : pattern,
            new SiteCounts(articles.Total, pageCount.Total, sections.Total, tags.Total)));
    }
}
