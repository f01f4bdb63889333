using Gazette.Articles.Contracts;
using Gazette.Caching;

namespace Gazette.Feeds;

/// <summary>An article's comment feed, for the path Articles resolved to a public article; anything the public cannot see is a 404.</summary>
public sealed class ArticleCommentFeed(IPublicArticles articles, FeedSources sources) : IArticleFeed
{
    public async Task<IResult> ServeAsync(HttpContext context, long articleId, ArticleFeedFormat format, CancellationToken cancellationToken)
    {
        var article = await articles.FindAsync(articleId, cancellationToken);
        if (article is null)
        {
            return await FeedEndpoints.NotFoundAsync(context);
        }
        PageCache.Tag(context, FeedCacheTags.ArticleComments(article.Id));
        var page = new FeedPage(article.Path, $"Comments on {article.Title}", $"Comments on {article.Title}.");
        return FeedEndpoints.Respond(await sources.CommentsAsync(context.Request, page, format, article, cancellationToken), format);
    }
}
