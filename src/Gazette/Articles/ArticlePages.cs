using Gazette.Articles.Contracts;
using Gazette.Caching;
using Gazette.Media.Contracts;
using Gazette.Rendering;
using Gazette.Web;

namespace Gazette.Articles;

/// <summary>
/// One published article and its comment pages (.../comment-page-N/), with a
/// slot for its discussion that another module fills. <see cref="PublicPaths"/>
/// decides which article a path names.
/// </summary>
public sealed class ArticlePages(PublicArticleReader reader, Permalinks links, SiteTime time, PageRenderer pages, IEnumerable<IDiscussionSlot> slots, IEnumerable<IRelatedSlot> related, IEnumerable<IImageLookup> images, IEnumerable<IAuthorDirectory> directories, LiveBlogPages liveBlogs) : IArticlePage
{
    private IDiscussionSlot? Slot { get; } = slots.FirstOrDefault();

    private IRelatedSlot? Related { get; } = related.FirstOrDefault();

    /// <summary>The page again with the slot's state (a refused comment form, with what the reader typed), for that reader only.</summary>
    public async Task<IResult> RenderAsync(HttpContext context, long articleId, object state, int statusCode, CancellationToken cancellationToken)
    {
        var article = await reader.FindPublishedAsync(articleId, cancellationToken);
        return article is null
            ? await pages.NotFoundAsync(cancellationToken)
            : await RenderAsync(context, article, 1, state, statusCode, cancellationToken);
    }

    /// <summary>The article's comment page <paramref name="page"/>, or a 301 to its one URL when the path spelled it differently.</summary>
    public async Task<IResult> ShowAsync(Article article, int page, HttpContext context, CancellationToken cancellationToken)
    {
        var canonical = ArticleUrls.CommentPage(links.Of(article), page);
        if (!string.Equals(context.Request.Path.Value, canonical, StringComparison.Ordinal))
        {
            // WordPress's redirect_canonical: wrong date, case, a missing slash or comment-page-1 all land on the one URL.
            return Results.Redirect(canonical + context.Request.QueryString, permanent: true);
        }
        return await RenderAsync(context, article, page, null, StatusCodes.Status200OK, cancellationToken);
    }

    private async Task<IResult> RenderAsync(HttpContext context, Article article, int page, object? state, int statusCode, CancellationToken cancellationToken)
    {
        var discussed = reader.Discussed(article);
        var slot = Slot is null
            ? new DiscussionSlotContent(page == 1, null, false, [], null)
            : await Slot.FillAsync(new DiscussionSlotRequest(discussed, page, context, state), cancellationToken);
        if (!slot.PageExists)
        {
            return await pages.NotFoundAsync(cancellationToken);
        }
        var live = await liveBlogs.FillAsync(article, links.Of(article), context.Request, cancellationToken);
        if (!live.PageExists)
        {
            return await pages.NotFoundAsync(cancellationToken);
        }
        var details = await reader.DetailsAsync(article.Id, cancellationToken);
        var coverage = Related is null ? new RelatedSlotContent(null, []) : await Related.FillAsync(article.Id, cancellationToken);
        PageCache.Tag(context, [
            ArticleCacheTags.Article(article.Id),
            .. details.Sections.Select(section => ArticleCacheTags.Section(section.Id)),
            .. details.Tags.Select(tag => ArticleCacheTags.Tag(tag.Id)),
            .. slot.CacheTags,
            .. coverage.CacheTags,
        ]);
        if (slot.CacheFor is { } left)
        {
            PageCache.LimitLifetime(context, left);
        }
        var personal = slot.Personal || state is not null;
        var image = article.FeaturedMediaId is { } mediaId && images.FirstOrDefault() is { } library ? await library.FindAsync(mediaId, cancellationToken) : null;
        var members = details.Bylines.Select(byline => byline.UserId).OfType<long>().ToList();
        var authors = members.Count > 0 && directories.FirstOrDefault() is { } directory ? await directory.FindAsync(members, cancellationToken) : null;
        var view = ArticleViewFactory.Article(article, details, links, time, image, authors);
        if (live.LastChange is { } changed && changed > (article.RevisedAt ?? article.PublishedAt!.Value))
        {
            view = view with { Updated = time.View(changed) };
        }
        var canonical = pages.Absolute(context.Request, ArticleUrls.CommentPage(view.Url, page));
        var meta = new PageMeta(
            page > 1 ? $"{article.Title} (comments, page {page})" : article.Title,
            article.Summary,
            canonical,
            NoIndex: personal,
            StructuredData: ArticleViewFactory.StructuredData(view, canonical, pages.Site.Title, live.View),
            Social: ArticleViewFactory.Social(view, canonical),
            Feeds: FeedLink.Under(view.Url, $"Comments on {article.Title}"));
        var model = new Dictionary<string, object?> { ["article"] = view, ["discussion"] = slot.View, ["related"] = coverage.View, ["live"] = live.View };
        return await pages.RenderAsync("article", meta, model, statusCode, personal ? HtmlPage.Private : HtmlPage.Public, cancellationToken);
    }
}
