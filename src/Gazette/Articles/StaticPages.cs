using Gazette.Caching;
using Gazette.Kernel;
using Gazette.Rendering;
using Gazette.Web;

namespace Gazette.Articles;

/// <summary>
/// GET /{slug}/ and /{parent}/{slug}/: a published page (About, Masthead, the
/// privacy policy). Reserved words keep page slugs off every route the platform
/// owns, and articles live under /yyyy/mm/, so a path is never two things.
/// A page's other spellings (its slug alone when it has a parent, a missing
/// slash) answer 301 to its one path.
/// </summary>
public sealed class StaticPages(PublicArticleReader reader, PageRenderer pages)
{
    public static void Map(RouteGroups groups)
    {
        groups.Public.MapMethods("/{slug}/", [HttpMethods.Get, HttpMethods.Head], (string slug, HttpContext context, StaticPages page, CancellationToken cancellationToken) =>
            page.ShowAsync(slug, context, cancellationToken));
        groups.Public.MapMethods("/{parent}/{slug}/", [HttpMethods.Get, HttpMethods.Head], (string slug, HttpContext context, StaticPages page, CancellationToken cancellationToken) =>
            page.ShowAsync(slug, context, cancellationToken));
    }

    private async Task<IResult> ShowAsync(string slug, HttpContext context, CancellationToken cancellationToken)
    {
        // Probes for paths the platform owns (wp-login.php, xmlrpc.php) can be no page: answered without a query.
        if (ReservedWords.IsReserved(Normalized.Slug(slug)) || await reader.FindPublishedPageAsync(slug, cancellationToken) is not var (page, path))
        {
            return await pages.NotFoundAsync(cancellationToken);
        }
        if (!string.Equals(context.Request.Path.Value, path, StringComparison.Ordinal))
        {
            return Results.Redirect(path + context.Request.QueryString, permanent: true);
        }
        PageCache.Tag(context, [ArticleCacheTags.Article(page.Id)]);
        var view = ArticleViewFactory.Page(page, path);
        var meta = new PageMeta(page.Title, page.Summary, pages.Absolute(context.Request, path));
        return await pages.RenderAsync("page", meta, new Dictionary<string, object?> { ["page"] = view }, StatusCodes.Status200OK, HtmlPage.Public, cancellationToken);
    }
}
