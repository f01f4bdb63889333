using Gazette.Caching;
using Gazette.Rendering;

namespace Gazette.Articles;

/// <summary>
/// A published page (About, Masthead, the privacy policy) at its path: its
/// parents' slugs, then its own. <see cref="PublicPaths"/> finds it.
/// </summary>
public sealed class StaticPages(SiteTime time, PageRenderer pages)
{
    public async Task<IResult> ShowAsync(Article page, PagePlace place, HttpContext context, CancellationToken cancellationToken)
    {
        // A parent's new slug moves its subpages too.
        PageCache.Tag(context, [ArticleCacheTags.Article(page.Id), .. place.Ancestors.Select(ArticleCacheTags.Article)]);
        var view = ArticleViewFactory.Page(page, place.Path, time);
        var meta = new PageMeta(page.Title, page.Summary, pages.Absolute(context.Request, place.Path));
        return await pages.RenderAsync("page", meta, new Dictionary<string, object?> { ["page"] = view }, StatusCodes.Status200OK, HtmlPage.Public, cancellationToken);
    }
}
