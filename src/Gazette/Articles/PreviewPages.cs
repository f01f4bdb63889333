using Gazette.Rendering;
using Gazette.Web;

namespace Gazette.Articles;

/// <summary>
/// GET /preview/{token}/: an unpublished article through the public theme, as
/// it will look, for whoever holds an unexpired preview link. In the Reader
/// writes group, not Public: the page is one link-holder's, so it must never be
/// cached (no-store), and it is marked as a preview and not indexed.
/// </summary>
public static class PreviewPages
{
    public const string Route = PreviewLinks.PathPrefix + "{token}/";

    public const string Notice = "This is a preview: the article is not published and may still change.";

    public static void Map(RouteGroups groups) =>
        groups.ReaderWrites.MapMethods(Route, [HttpMethods.Get, HttpMethods.Head], ShowAsync).WithName("Preview");

    private static async Task<IResult> ShowAsync(string token, HttpContext context, PreviewLinks links, PublicArticleReader reader, PageRenderer pages, TimeProvider time, CancellationToken cancellationToken)
    {
        var article = await links.ResolveAsync(token, cancellationToken);
        if (article is null)
        {
            return await pages.NotFoundAsync(cancellationToken);
        }
        var details = await reader.DetailsAsync(article.Id, cancellationToken);
        var view = ArticleViewFactory.Article(article with { PublishedAt = article.PublishedAt ?? time.GetUtcNow() }, details);
        var meta = new PageMeta($"Preview: {article.Title}", article.Summary, null, NoIndex: true);
        var model = new Dictionary<string, object?> { ["article"] = view, ["discussion"] = null, ["preview"] = Notice };
        return await pages.RenderAsync("article", meta, model, StatusCodes.Status200OK, HtmlPage.Private, cancellationToken);
    }
}
