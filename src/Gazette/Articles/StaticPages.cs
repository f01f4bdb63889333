using Gazette.Caching;
using Gazette.Rendering;

namespace Gazette.Articles;

/// <summary>
/// A published page (About, Masthead, the privacy policy) at its path: its
/// parents' slugs, then its own. <see cref="PublicPaths"/> finds it.
/// </summary>
public sealed class StaticPages(SiteTime time, PageRenderer pages)
{
    public async Task<IResult> ShowAsync(Article page, string path, HttpContext context, CancellationToken cancellationToken)
    {
        PageCache.Tag(context, [ArticleCacheTags.Article(page.Id)]);
        var view = ArticleViewFactory.Page(page, path, time);
        var meta = new PageMeta(page.Title, page.Summary, pages.Absolute(context.Request, path));
        return await pages.RenderAsync("page", meta, new Dictionary<string, object?> { ["page"] = view }, StatusCodes.Status200OK, HtmlPage.Public, cancellationToken);
    }
}
