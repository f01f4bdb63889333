using Gazette.Articles;
using Gazette.Rendering;
using Microsoft.Extensions.Options;

namespace Gazette.Site;

/// <summary>Renders a theme page with the site chrome (masthead, navigation) every page shares.</summary>
public sealed class PageRenderer(ThemeRenderer theme, TaxonomyStore taxonomy, IOptions<SiteOptions> options)
{
    private const int NavigationSections = 8;

    public SiteOptions Site => options.Value;

    public async Task<IResult> RenderAsync(string template, PageMeta meta, IReadOnlyDictionary<string, object?> model, int statusCode = StatusCodes.Status200OK, string cacheControl = HtmlPage.Public, CancellationToken cancellationToken = default)
    {
        var sections = await taxonomy.ListSectionsAsync(NavigationSections, cancellationToken);
        var site = new SiteView(Site.Title, Site.Tagline, sections.Select(section => new LinkView(section.Name, Permalinks.Section(section.Slug))).ToList());
        var html = await theme.RenderPageAsync(template, site, meta, model);
        return new HtmlPage(html, statusCode, cacheControl);
    }

    public Task<IResult> NotFoundAsync(CancellationToken cancellationToken = default) =>
        RenderAsync(
            "404",
            new PageMeta("Page not found", "There is no page at this address.", null, NoIndex: true),
            new Dictionary<string, object?>(),
            StatusCodes.Status404NotFound,
            cancellationToken: cancellationToken);

    /// <summary>The absolute form of a site path, for canonical links and structured data.</summary>
    public string Absolute(HttpRequest request, string path) =>
        (string.IsNullOrEmpty(Site.BaseUrl) ? $"{request.Scheme}://{request.Host}" : Site.BaseUrl.TrimEnd('/')) + path;
}
