using Microsoft.Extensions.Options;

namespace Gazette.Rendering;

/// <summary>
/// Renders a theme page with the site chrome (masthead, navigation) every page
/// shares. Error and refusal pages (404, 403, 409, 429 ...) are all notices
/// rendered here, so they look alike and say what happened in a sentence.
/// </summary>
public sealed class PageRenderer(ThemeRenderer theme, IEnumerable<ISiteNavigation> navigation, IOptions<SiteOptions> options)
{
    private const int NavigationSections = 8;

    public SiteOptions Site => options.Value;

    public async Task<IResult> RenderAsync(string template, PageMeta meta, IReadOnlyDictionary<string, object?> model, int statusCode = StatusCodes.Status200OK, string cacheControl = HtmlPage.Public, CancellationToken cancellationToken = default)
    {
        var links = new List<LinkView>();
        foreach (var source in navigation)
        {
            links.AddRange(await source.ListAsync(NavigationSections, cancellationToken));
        }
        var site = new SiteView(Site.Title, Site.Tagline, links);
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

    /// <summary>A page for one reader that says what happened and links back; never cached, never indexed.</summary>
    public Task<IResult> NoticeAsync(int statusCode, string heading, string message, string backUrl, CancellationToken cancellationToken = default) =>
        RenderAsync(
            "notice",
            new PageMeta(heading, message, null, NoIndex: true),
            new Dictionary<string, object?> { ["notice"] = new NoticeView(heading, message, backUrl) },
            statusCode,
            HtmlPage.Private,
            cancellationToken);

    /// <summary>The absolute form of a site path, for canonical links and structured data.</summary>
    public string Absolute(HttpRequest request, string path) =>
        (string.IsNullOrEmpty(Site.BaseUrl) ? $"{request.Scheme}://{request.Host}" : Site.BaseUrl.TrimEnd('/')) + path;
}
