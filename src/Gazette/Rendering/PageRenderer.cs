using Microsoft.Extensions.Options;

namespace Gazette.Rendering;

/// <summary>
/// Renders a theme page with the site chrome (masthead, navigation) every page
/// shares. Error and refusal pages (404, 403, 409, 429 ...) are all notices
/// rendered here, so they look alike and say what happened in a sentence.
/// </summary>
public sealed partial class PageRenderer(ThemeRenderer theme, IEnumerable<ISiteNavigation> navigation, IOptionsMonitor<SiteOptions> options, ILogger<PageRenderer> logger)
{
    /// <summary>How many sections the masthead offers when nobody has chosen them.</summary>
    public const int NavigationSections = 8;

    public SiteOptions Site => options.CurrentValue;

    public async Task<IResult> RenderAsync(string template, PageMeta meta, IReadOnlyDictionary<string, object?> model, int statusCode = StatusCodes.Status200OK, string cacheControl = HtmlPage.Public, CancellationToken cancellationToken = default)
    {
        var site = new SiteView(Site.Title, Site.Tagline, await NavigationAsync(cancellationToken), Site.Language);
        var html = await theme.RenderPageAsync(template, site, meta, model);
        return new HtmlPage(html, statusCode, cacheControl);
    }

    private async Task<List<LinkView>> NavigationAsync(CancellationToken cancellationToken)
    {
        var links = new List<LinkView>();
        foreach (var source in navigation)
        {
            links.AddRange(await source.ListAsync(NavigationSections, cancellationToken));
        }
        return links;
    }

    public Task<IResult> NotFoundAsync(CancellationToken cancellationToken = default) =>
        RenderAsync(
            "404",
            new PageMeta("Page not found", "There is no page at this address.", null, NoIndex: true),
            new Dictionary<string, object?>(),
            StatusCodes.Status404NotFound,
            cancellationToken: cancellationToken);

    /// <summary>
    /// A page for one reader that says what happened and links back; never cached,
    /// never indexed. It is shown when things fail, so it does without the
    /// navigation when that cannot be read. <paramref name="extra"/> adds to the
    /// template's model (the comment form that could not be saved).
    /// </summary>
    public Task<IResult> NoticeAsync(int statusCode, string heading, string message, string backUrl, CancellationToken cancellationToken = default) =>
        NoticeAsync(statusCode, heading, message, backUrl, null, cancellationToken);

    public async Task<IResult> NoticeAsync(int statusCode, string heading, string message, string backUrl, IReadOnlyDictionary<string, object?>? extra,
        CancellationToken cancellationToken)
    {
        List<LinkView> links;
        try
        {
            links = await NavigationAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogNavigationUnavailable(ex.GetType().Name, ex.Message.ReplaceLineEndings(" "));
            links = [];
        }
        var model = new Dictionary<string, object?>(extra ?? new Dictionary<string, object?>()) { ["notice"] = new NoticeView(heading, message, backUrl) };
        var html = await theme.RenderPageAsync("notice", new SiteView(Site.Title, Site.Tagline, links, Site.Language), new PageMeta(heading, message, null, NoIndex: true), model);
        return new HtmlPage(html, statusCode, HtmlPage.Private);
    }

    /// <summary>The page for a failed request: the theme's notice, or plain HTML if even the theme fails.</summary>
    public async Task<IResult> ErrorAsync(int statusCode, string heading, string message)
    {
        try
        {
            return await NoticeAsync(statusCode, heading, message, "/", CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogThemeFailed(ex);
            var text = System.Net.WebUtility.HtmlEncode(heading);
            return new HtmlPage(
                $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{text}</title></head><body><h1>{text}</h1><p>{System.Net.WebUtility.HtmlEncode(message)}</p><p><a href=\"/\">Home</a></p></body></html>",
                statusCode, HtmlPage.Private);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "A notice is shown without the site's navigation, which could not be read: {Kind}: {Reason}")]
    private partial void LogNavigationUnavailable(string kind, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The theme could not render an error page; plain HTML was sent")]
    private partial void LogThemeFailed(Exception exception);

    /// <summary>The absolute form of a site path, for canonical links and structured data.</summary>
    public string Absolute(HttpRequest request, string path) =>
        (string.IsNullOrEmpty(Site.BaseUrl) ? $"{request.Scheme}://{request.Host}" : Site.BaseUrl.TrimEnd('/')) + path;
}
