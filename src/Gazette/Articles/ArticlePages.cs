using Gazette.Caching;
using Gazette.Comments;
using Gazette.Rendering;
using Gazette.Site;

namespace Gazette.Articles;

/// <summary>
/// GET /{yyyy}/{mm}/{slug}/ and its comment pages /{yyyy}/{mm}/{slug}/comment-page-N/:
/// one published article with its discussion.
/// </summary>
public static class ArticlePages
{
    public const string Route = "/{year:regex(^\\d{{4}}$)}/{month:regex(^\\d{{2}}$)}/{slug}/";
    public const string CommentPageRoute = Route + "comment-page-{page:int}/";
    public const string UnapprovedKey = "unapproved";
    public const string ModerationHashKey = "moderation-hash";

    /// <summary>Per-reader views: never cached, never indexed.</summary>
    private static readonly string[] PersonalKeys = [UnapprovedKey, ModerationHashKey, DiscussionBuilder.ReplyToKey];

    public static void MapArticlePages(this IEndpointRouteBuilder routes)
    {
        var policy = new PublicPagePolicy(routes.ServiceProvider.GetRequiredService<PageCache>(), [], PersonalKeys, PublicPagePolicy.Lifetime);
        routes.MapMethods(Route, [HttpMethods.Get, HttpMethods.Head], (string slug, HttpContext context, CancellationToken cancellationToken) =>
                ShowAsync(slug, 1, context, cancellationToken))
            .WithName("Article")
            .CacheOutput(policy);
        routes.MapMethods(CommentPageRoute, [HttpMethods.Get, HttpMethods.Head], (string slug, int page, HttpContext context, CancellationToken cancellationToken) =>
                ShowAsync(slug, page, context, cancellationToken))
            .WithName("ArticleCommentPage")
            .CacheOutput(policy);
    }

    /// <summary>
    /// Renders an article page. The comment form posts here too when it must be
    /// shown again with the reader's input and errors (422).
    /// </summary>
    public static async Task<IResult> RenderAsync(HttpContext context, DiscussionRequest request, int statusCode = StatusCodes.Status200OK, bool personal = false, CancellationToken cancellationToken = default)
    {
        var services = context.RequestServices;
        var pages = services.GetRequiredService<PageRenderer>();
        var article = request.Article;
        var discussion = await services.GetRequiredService<DiscussionBuilder>().BuildAsync(request, cancellationToken);
        if (discussion is null)
        {
            return await pages.NotFoundAsync(cancellationToken);
        }
        var details = await services.GetRequiredService<PublicArticleReader>().DetailsAsync(article.Id, cancellationToken);
        PageCache.Tag(context, [
            CacheTags.Article(article.Id),
            .. details.Sections.Select(section => CacheTags.Section(section.Id)),
            .. details.Tags.Select(tag => CacheTags.Tag(tag.Id)),
        ]);
        LimitCacheLifetimeToClosing(context, article);
        var view = ArticleViewFactory.Article(article, details);
        var canonical = pages.Absolute(context.Request, DiscussionBuilder.PageUrl(view.Url, request.Page));
        var meta = new PageMeta(
            request.Page > 1 ? $"{article.Title} (comments, page {request.Page})" : article.Title,
            article.Summary,
            canonical,
            NoIndex: personal,
            StructuredData: ArticleViewFactory.StructuredData(view, canonical, pages.Site.Title));
        var model = new Dictionary<string, object?> { ["article"] = view, ["discussion"] = discussion };
        return await pages.RenderAsync("article", meta, model, statusCode, personal ? HtmlPage.Private : HtmlPage.Public, cancellationToken);
    }

    /// <summary>A page cached while comments are open must not outlive their closing (CloseAfterDays).</summary>
    private static void LimitCacheLifetimeToClosing(HttpContext context, Article article)
    {
        var settings = context.RequestServices.GetRequiredService<DiscussionBuilder>().Options;
        if (settings.CloseAfterDays <= 0 || context.Features.Get<Microsoft.AspNetCore.OutputCaching.IOutputCacheFeature>()?.Context is not { } cache)
        {
            return;
        }
        var untilClosing = article.PublishedAt!.Value.AddDays(settings.CloseAfterDays) - context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        if (untilClosing > TimeSpan.Zero && untilClosing < (cache.ResponseExpirationTimeSpan ?? PublicPagePolicy.Lifetime))
        {
            cache.ResponseExpirationTimeSpan = untilClosing;
        }
    }

    private static async Task<IResult> ShowAsync(string slug, int page, HttpContext context, CancellationToken cancellationToken)
    {
        var services = context.RequestServices;
        var article = await services.GetRequiredService<PublicArticleReader>().FindPublishedAsync(slug, cancellationToken);
        if (article is null)
        {
            return await services.GetRequiredService<PageRenderer>().NotFoundAsync(cancellationToken);
        }
        var canonical = DiscussionBuilder.PageUrl(Permalinks.Of(article), page);
        if (!string.Equals(context.Request.Path.Value, canonical, StringComparison.Ordinal))
        {
            // WordPress's redirect_canonical: wrong date, case, a missing slash or comment-page-1 all land on the one URL.
            return Results.Redirect(canonical + context.Request.QueryString, permanent: true);
        }
        var query = context.Request.Query;
        var comments = services.GetRequiredService<CommentStore>();
        PublicComment? pending = null;
        if (long.TryParse(query[UnapprovedKey], out var pendingId)
            && await comments.FindAsync(pendingId, cancellationToken) is { } own
            && own.ArticleId == article.Id
            && own.Status is CommentStatus.Pending or CommentStatus.Spam
            && services.GetRequiredService<ModerationHash>().Verify(own.Id, own.CreatedAt, query[ModerationHashKey]))
        {
            pending = own;
        }
        PublicComment? replyTo = null;
        if (long.TryParse(query[DiscussionBuilder.ReplyToKey], out var replyId)
            && await comments.FindAsync(replyId, cancellationToken) is { ArticleId: var replyArticle, Status: CommentStatus.Approved } parent
            && replyArticle == article.Id)
        {
            replyTo = parent;
        }
        var personal = PersonalKeys.Any(query.ContainsKey);
        return await RenderAsync(context, new DiscussionRequest(article, page, pending, replyTo), personal: personal, cancellationToken: cancellationToken);
    }
}
