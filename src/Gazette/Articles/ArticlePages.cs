using Gazette.Caching;
using Gazette.Rendering;
using Gazette.Site;

namespace Gazette.Articles;

/// <summary>GET /{yyyy}/{mm}/{slug}/: one published article.</summary>
public static class ArticlePages
{
    public const string Route = "/{year:regex(^\\d{{4}}$)}/{month:regex(^\\d{{2}}$)}/{slug}/";

    public static IEndpointConventionBuilder MapArticlePages(this IEndpointRouteBuilder routes) =>
        routes.MapMethods(Route, [HttpMethods.Get, HttpMethods.Head], ShowAsync)
            .WithName("Article")
            .CacheOutput(PublicPagePolicy.Varying());

    private static async Task<IResult> ShowAsync(string slug, HttpContext context, PublicArticleReader reader, PageRenderer pages, CancellationToken cancellationToken)
    {
        var article = await reader.FindPublishedAsync(slug, cancellationToken);
        if (article is null)
        {
            return await pages.NotFoundAsync(cancellationToken);
        }
        var canonical = Permalinks.Article(article.PublishedAt!.Value, article.Slug);
        if (!string.Equals(context.Request.Path.Value, canonical, StringComparison.Ordinal))
        {
            // WordPress's redirect_canonical: wrong date, case or a missing slash all land on the one URL.
            return Results.Redirect(canonical + context.Request.QueryString, permanent: true);
        }
        var details = await reader.DetailsAsync(article.Id, cancellationToken);
        PageCache.Tag(context, [
            CacheTags.Article(article.Id),
            .. details.Sections.Select(section => CacheTags.Section(section.Id)),
            .. details.Tags.Select(tag => CacheTags.Tag(tag.Id)),
        ]);
        var view = ArticleViewFactory.Article(article, details);
        var absolute = pages.Absolute(context.Request, canonical);
        var meta = new PageMeta(article.Title, article.Summary, absolute, StructuredData: ArticleViewFactory.StructuredData(view, absolute, pages.Site.Title));
        return await pages.RenderAsync("article", meta, new Dictionary<string, object?> { ["article"] = view }, cancellationToken: cancellationToken);
    }
}
