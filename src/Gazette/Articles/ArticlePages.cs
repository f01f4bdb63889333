using Gazette.Articles.Contracts;
using Gazette.Caching;
using Gazette.Media.Contracts;
using Gazette.Rendering;
using Gazette.Web;

namespace Gazette.Articles;

/// <summary>
/// GET /{yyyy}/{mm}/{slug}/ and its comment pages /{yyyy}/{mm}/{slug}/comment-page-N/:
/// one published article, with a slot for its discussion that another module fills.
/// </summary>
public sealed class ArticlePages(PublicArticleReader reader, ArticleRedirects redirects, PageRenderer pages, IEnumerable<IDiscussionSlot> slots, IEnumerable<IImageLookup> images) : IArticlePage
{
    public const string Route = "/{year:regex(^\\d{{4}}$)}/{month:regex(^\\d{{2}}$)}/{slug}/";
    public const string CommentPageRoute = Route + "comment-page-{page:int}/";

    private IDiscussionSlot? Slot { get; } = slots.FirstOrDefault();

    public static void Map(RouteGroups groups)
    {
        var policy = groups.PublicPage(personalKeys: [.. groups.Services.GetServices<DiscussionQueryKeys>().SelectMany(keys => keys.Personal)]);
        groups.Public.MapMethods(Route, [HttpMethods.Get, HttpMethods.Head], (string slug, HttpContext context, ArticlePages page, CancellationToken cancellationToken) =>
                page.ShowAsync(slug, 1, context, cancellationToken))
            .WithName("Article")
            .CacheOutput(policy);
        groups.Public.MapMethods(CommentPageRoute, [HttpMethods.Get, HttpMethods.Head], (string slug, int page, HttpContext context, ArticlePages pages, CancellationToken cancellationToken) =>
                pages.ShowAsync(slug, page, context, cancellationToken))
            .WithName("ArticleCommentPage")
            .CacheOutput(policy);
    }

    /// <summary>The page again with the slot's state (a refused comment form, with what the reader typed), for that reader only.</summary>
    public async Task<IResult> RenderAsync(HttpContext context, long articleId, object state, int statusCode, CancellationToken cancellationToken)
    {
        var article = await reader.FindPublishedAsync(articleId, cancellationToken);
        return article is null
            ? await pages.NotFoundAsync(cancellationToken)
            : await RenderAsync(context, article, 1, state, statusCode, cancellationToken);
    }

    private async Task<IResult> ShowAsync(string slug, int page, HttpContext context, CancellationToken cancellationToken)
    {
        var article = await reader.FindPublishedAsync(slug, cancellationToken);
        if (article is null)
        {
            // An article that moved (its slug or date changed once published) left its old path here.
            var moved = page == 1 ? await redirects.FindAsync(context.Request.Path.Value!.ToLowerInvariant(), cancellationToken) : null;
            return moved is null || moved.StatusCode == StatusCodes.Status410Gone
                ? await pages.NotFoundAsync(cancellationToken)
                : Results.Redirect(moved.ToPath + context.Request.QueryString, permanent: moved.StatusCode is 301 or 308, preserveMethod: moved.StatusCode is 307 or 308);
        }
        var canonical = ArticleUrls.CommentPage(Permalinks.Of(article), page);
        if (!string.Equals(context.Request.Path.Value, canonical, StringComparison.Ordinal))
        {
            // WordPress's redirect_canonical: wrong date, case, a missing slash or comment-page-1 all land on the one URL.
            return Results.Redirect(canonical + context.Request.QueryString, permanent: true);
        }
        return await RenderAsync(context, article, page, null, StatusCodes.Status200OK, cancellationToken);
    }

    private async Task<IResult> RenderAsync(HttpContext context, Article article, int page, object? state, int statusCode, CancellationToken cancellationToken)
    {
        var discussed = PublicArticleReader.Discussed(article);
        var slot = Slot is null
            ? new DiscussionSlotContent(page == 1, null, false, [], null)
            : await Slot.FillAsync(new DiscussionSlotRequest(discussed, page, context, state), cancellationToken);
        if (!slot.PageExists)
        {
            return await pages.NotFoundAsync(cancellationToken);
        }
        var details = await reader.DetailsAsync(article.Id, cancellationToken);
        PageCache.Tag(context, [
            ArticleCacheTags.Article(article.Id),
            .. details.Sections.Select(section => ArticleCacheTags.Section(section.Id)),
            .. details.Tags.Select(tag => ArticleCacheTags.Tag(tag.Id)),
            .. slot.CacheTags,
        ]);
        if (slot.CacheFor is { } left)
        {
            PageCache.LimitLifetime(context, left);
        }
        var personal = slot.Personal || state is not null;
        var image = article.FeaturedMediaId is { } mediaId && images.FirstOrDefault() is { } library ? await library.FindAsync(mediaId, cancellationToken) : null;
        var view = ArticleViewFactory.Article(article, details, image);
        var canonical = pages.Absolute(context.Request, ArticleUrls.CommentPage(view.Url, page));
        var meta = new PageMeta(
            page > 1 ? $"{article.Title} (comments, page {page})" : article.Title,
            article.Summary,
            canonical,
            NoIndex: personal,
            StructuredData: ArticleViewFactory.StructuredData(view, canonical, pages.Site.Title));
        var model = new Dictionary<string, object?> { ["article"] = view, ["discussion"] = slot.View };
        return await pages.RenderAsync("article", meta, model, statusCode, personal ? HtmlPage.Private : HtmlPage.Public, cancellationToken);
    }
}
