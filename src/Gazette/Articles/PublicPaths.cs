using Gazette.Caching;
using System.Globalization;
using Gazette.Articles.Contracts;
using Gazette.Comments.Contracts;
using Gazette.Kernel;
using Gazette.Rendering;
using Gazette.Web;

namespace Gazette.Articles;

/// <summary>
/// The one resolver that decides what a public path is, for every path no
/// fixed route (the home page, sections, tags, media) claims: an article by the
/// site's permalink pattern, then a page at exactly that path, then an old link
/// (a stored redirect for a moved article, or a retired pattern read by rule),
/// then a page by its slug alone. Slugs are unique across articles and pages,
/// so a path with a pattern of just <c>/%postname%/</c> is never two things.
/// Where all of that finds nothing, the old platform's links (<see cref="IOldLinks"/>)
/// are asked before the 404, so they can never shadow what Gazette serves.
/// </summary>
public sealed class PublicPaths(PublicArticleReader reader, ArticleRedirects redirects, Permalinks links, ArticlePages articles, StaticPages staticPages, PageRenderer pages,
    IEnumerable<IArticleFeed> feeds, LiveBlogPages liveBlogs)
{
    private const string CommentPageMarker = "comment-page-";

    public static void Map(RouteGroups groups)
    {
        // "before" pages the date archives (articles and pages ignore it); "entries_before" pages a live blog's entries.
        var policy = groups.PublicPage(queryKeys: [ListingPages.BeforeKey, LiveBlogPages.BeforeKey], personalKeys: [.. groups.Services.GetServices<DiscussionQueryKeys>().SelectMany(keys => keys.Personal)]);
        groups.Public.MapMethods("/{**path}", [HttpMethods.Get, HttpMethods.Head], (HttpContext context, PublicPaths paths, CancellationToken cancellationToken) =>
                paths.ResolveAsync(context, cancellationToken))
            .WithName("PublicPath")
            .CachedAs(policy);
    }

    public async Task<IResult> ResolveAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var path = context.Request.Path.Value ?? "/";
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        // Probes for paths the platform owns (wp-login.php, xmlrpc.php) can be nothing here: answered without a query.
        if (segments.Length == 0 || segments.Length > 12 || ReservedWords.IsReserved(Normalized.Slug(segments[0])))
        {
            return await OldLinkOrNotFoundAsync(context, cancellationToken);
        }
        if (segments.Length > 1 && ArticleFeedPaths.Split(path) is var (articlePath, format))
        {
            return await FeedAsync(articlePath, format, context, cancellationToken);
        }
        if (segments.Length > 1 && string.Equals(segments[^1], LiveBlogPages.EndpointName, StringComparison.Ordinal))
        {
            return await LiveAsync(path[..^LiveBlogPages.EndpointName.Length], context, cancellationToken);
        }
        var (target, commentPage) = SplitCommentPage(path, segments);

        // The article first: it is most of the traffic, and since slugs are unique across articles and
        // pages, a slug the pattern finds as an article can be no page's (a page is looked up only on a miss).
        var current = links.Pattern;
        if (current.Match(target) is { } match && await FindAsync(match, cancellationToken) is { } article)
        {
            return await articles.ShowAsync(article, commentPage, context, cancellationToken);
        }
        if (commentPage == 1 && await ListingPages.DateAsync(segments, context, cancellationToken) is { } archive)
        {
            return archive;
        }
        var staticPage = commentPage == 1 ? await reader.FindPublishedPageAsync(segments[^1], cancellationToken) : null;
        if (staticPage is var (page, place) && string.Equals(place.Path, WithSlash(path), StringComparison.OrdinalIgnoreCase))
        {
            return string.Equals(place.Path, path, StringComparison.Ordinal)
                ? await staticPages.ShowAsync(page, place, context, cancellationToken)
                : MovedTo(place.Path, context);
        }
        if (commentPage == 1 && await redirects.FindAsync(path.ToLowerInvariant(), cancellationToken) is { } stored)
        {
            return stored.StatusCode == StatusCodes.Status410Gone
                ? await pages.NotFoundAsync(cancellationToken)
                : Results.Redirect(stored.ToPath + context.Request.QueryString, permanent: stored.StatusCode is 301 or 308, preserveMethod: stored.StatusCode is 307 or 308);
        }
        foreach (var retired in links.Retired.Where(retired => retired.Text != current.Text))
        {
            if (retired.Match(target) is { } old && await FindAsync(old, cancellationToken) is { } moved)
            {
                return MovedTo(ArticleUrls.CommentPage(links.Of(moved), commentPage), context);
            }
        }
        return staticPage is var (_, itsPlace)
            ? MovedTo(itsPlace.Path, context)
            : await OldLinkOrNotFoundAsync(context, cancellationToken);
    }

    /// <summary>An old link's 301 (or its 404, when it names nothing public), else the 404 page.</summary>
    private Task<IResult> OldLinkOrNotFoundAsync(HttpContext context, CancellationToken cancellationToken) =>
        OldLinkOrNotFoundAsync(context, pages, cancellationToken);

    /// <summary>What the old platform's links (<see cref="IOldLinks"/>) make of a path where Gazette found nothing: a 301 to its new home, or the 404.</summary>
    public static async Task<IResult> OldLinkOrNotFoundAsync(HttpContext context, PageRenderer pages, CancellationToken cancellationToken) =>
        await OldLinkLookup.FindAsync(context, cancellationToken) is { Location: { } location }
            ? Results.Redirect(location, permanent: true)
            : await pages.NotFoundAsync(cancellationToken);

    /// <summary>
    /// An article's comment feed: by the current pattern, or a 301 from a retired
    /// one to where it is now; nothing else (a page, a date archive) has one.
    /// </summary>
    private async Task<IResult> FeedAsync(string articlePath, ArticleFeedFormat format, HttpContext context, CancellationToken cancellationToken)
    {
        if (feeds.FirstOrDefault() is not { } feed)
        {
            return await pages.NotFoundAsync(cancellationToken);
        }
        var current = links.Pattern;
        if (current.Match(articlePath) is { } match && await FindAsync(match, cancellationToken) is { } article)
        {
            return string.Equals(links.Of(article), articlePath, StringComparison.Ordinal)
                ? await feed.ServeAsync(context, article.Id, format, cancellationToken)
                : MovedTo(ArticleFeedPaths.Of(links.Of(article), format), context);
        }
        foreach (var retired in links.Retired.Where(retired => retired.Text != current.Text))
        {
            if (retired.Match(articlePath) is { } old && await FindAsync(old, cancellationToken) is { } moved)
            {
                return MovedTo(ArticleFeedPaths.Of(links.Of(moved), format), context);
            }
        }
        return await OldLinkOrNotFoundAsync(context, cancellationToken);
    }

    /// <summary>A live blog's endpoint, only beneath its article's one URL: the page's script asks there and nowhere else.</summary>
    private async Task<IResult> LiveAsync(string articlePath, HttpContext context, CancellationToken cancellationToken) =>
        links.Pattern.Match(articlePath) is { } match && await FindAsync(match, cancellationToken) is { } article
            && string.Equals(links.Of(article), articlePath, StringComparison.Ordinal)
            ? await liveBlogs.JsonAsync(article, articlePath, context, cancellationToken)
            : Results.NotFound();

    /// <summary>"/a/b/comment-page-3/" is the article at "/a/b/", page 3; anything else is page 1 of itself.</summary>
    private static (string Target, int Page) SplitCommentPage(string path, string[] segments)
    {
        var last = segments[^1];
        if (segments.Length > 1 && last.StartsWith(CommentPageMarker, StringComparison.OrdinalIgnoreCase)
            && int.TryParse(last.AsSpan(CommentPageMarker.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page > 0)
        {
            return (path[..(path.LastIndexOf(last, StringComparison.Ordinal))], page);
        }
        return (path, 1);
    }

    private async Task<Article?> FindAsync(PermalinkMatch match, CancellationToken cancellationToken) =>
        match.Id is { } id ? await reader.FindPublishedAsync(id, cancellationToken)
        : match.Slug is { } slug ? await reader.FindPublishedAsync(slug, cancellationToken)
        : null;

    private static string WithSlash(string path) => path.EndsWith('/') ? path : path + "/";

    private static IResult MovedTo(string path, HttpContext context) =>
        Results.Redirect(path + context.Request.QueryString, permanent: true);
}
