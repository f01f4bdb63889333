using Gazette.Articles.Contracts;
using Gazette.Caching;
using Gazette.Rendering;
using Gazette.Web;

namespace Gazette.Feeds;

/// <summary>
/// The fixed feed routes, each in RSS (feed/), Atom (feed/atom/) and JSON Feed
/// (feed.json) beneath the page it follows: the site, a section, a tag, an
/// author, the site's comments. They are in the Public group, cached and
/// tagged like pages (decision 98); an article's comment feed is answered
/// through Articles' path resolver (<see cref="ArticleCommentFeed"/>).
/// </summary>
public static class FeedEndpoints
{
    public const string CommentsPath = "/comments/";

    public static void Map(RouteGroups groups)
    {
        foreach (var format in FeedFormats.All)
        {
            Get(groups, ArticleFeedPaths.Of("/", format), (context, sources, _) => SiteAsync(context, sources, format));
            Get(groups, ArticleFeedPaths.Of("/section/{slug}/", format), (context, sources, services) => SectionAsync(context, sources, services, format));
            Get(groups, ArticleFeedPaths.Of("/tag/{slug}/", format), (context, sources, services) => TagAsync(context, sources, services, format));
            Get(groups, ArticleFeedPaths.Of("/author/{slug}/", format), (context, sources, services) => AuthorAsync(context, sources, services, format));
            Get(groups, ArticleFeedPaths.Of(CommentsPath, format), (context, sources, _) => SiteCommentsAsync(context, sources, format));
        }
    }

    private static void Get(RouteGroups groups, string pattern, Func<HttpContext, FeedSources, IServiceProvider, Task<IResult>> handler) =>
        groups.Public.MapMethods(pattern, [HttpMethods.Get, HttpMethods.Head], (HttpContext context, FeedSources sources) => handler(context, sources, context.RequestServices));

    private static Task<IResult> SiteAsync(HttpContext context, FeedSources sources, ArticleFeedFormat format)
    {
        var site = context.RequestServices.GetRequiredService<PageRenderer>().Site;
        return ArticlesAsync(context, sources, new FeedPage("/", site.Title, site.Tagline), format, new PublicArticleFilter(0), FeedCacheTags.Articles);
    }

    private static async Task<IResult> SectionAsync(HttpContext context, FeedSources sources, IServiceProvider services, ArticleFeedFormat format)
    {
        var articles = services.GetRequiredService<IPublicArticles>();
        var section = await articles.FindSectionAsync(Slug(context), context.RequestAborted);
        if (section is null)
        {
            return await NotFoundAsync(context);
        }
        // The feed lists the articles of every section beneath it, as the section's page does: a change there evicts it too.
        PageCache.Tag(context, (await articles.SectionBranchAsync(section.Id, context.RequestAborted)).Select(FeedCacheTags.Section));
        return await ArticlesAsync(context, sources, TermPage(context, section, $"The latest from {section.Name}."), format,
            new PublicArticleFilter(0, SectionId: section.Id), FeedCacheTags.Section(section.Id));
    }

    private static async Task<IResult> TagAsync(HttpContext context, FeedSources sources, IServiceProvider services, ArticleFeedFormat format)
    {
        var tag = await services.GetRequiredService<IPublicArticles>().FindTagAsync(Slug(context), context.RequestAborted);
        return tag is null
            ? await OldLinkOrNotFoundAsync(context)
            : await ArticlesAsync(context, sources, TermPage(context, tag, $"Articles tagged {tag.Name}."), format,
                new PublicArticleFilter(0, TagId: tag.Id), FeedCacheTags.Tag(tag.Id));
    }

    /// <summary>As the author page: a member with nothing public has no feed, so a feed never confirms who has an account.</summary>
    private static async Task<IResult> AuthorAsync(HttpContext context, FeedSources sources, IServiceProvider services, ArticleFeedFormat format)
    {
        var author = await services.GetRequiredService<IAuthorDirectory>().FindBySlugAsync(Slug(context), context.RequestAborted);
        if (author is null)
        {
            return await OldLinkOrNotFoundAsync(context);
        }
        var site = services.GetRequiredService<PageRenderer>().Site;
        var page = new FeedPage(author.Path, $"{site.Title}: {author.DisplayName}", $"Articles by {author.DisplayName}.");
        if (Moved(context, page.Path, format) is { } moved)
        {
            return moved;
        }
        var feed = await sources.ArticlesAsync(context.Request, page, format, new PublicArticleFilter(0, AuthorId: author.Id), context.RequestAborted);
        if (feed.Items.Count == 0)
        {
            return await NotFoundAsync(context);
        }
        PageCache.Tag(context, [FeedCacheTags.Author(author.Id), FeedCacheTags.Authors]);
        return Respond(feed, format);
    }

    private static async Task<IResult> SiteCommentsAsync(HttpContext context, FeedSources sources, ArticleFeedFormat format)
    {
        var site = context.RequestServices.GetRequiredService<PageRenderer>().Site;
        var page = new FeedPage(CommentsPath, $"Comments on {site.Title}", $"The latest comments on {site.Title}.");
        if (Moved(context, page.Path, format) is { } moved)
        {
            return moved;
        }
        PageCache.Tag(context, FeedCacheTags.Comments);
        return Respond(await sources.CommentsAsync(context.Request, page, format, null, context.RequestAborted), format);
    }

    private static async Task<IResult> ArticlesAsync(HttpContext context, FeedSources sources, FeedPage page, ArticleFeedFormat format, PublicArticleFilter filter, string cacheTag)
    {
        if (Moved(context, page.Path, format) is { } moved)
        {
            return moved;
        }
        PageCache.Tag(context, cacheTag);
        return Respond(await sources.ArticlesAsync(context.Request, page, format, filter, context.RequestAborted), format);
    }

    private static FeedPage TermPage(HttpContext context, PublicTerm term, string fallback) => new(
        term.Path,
        $"{context.RequestServices.GetRequiredService<PageRenderer>().Site.Title}: {term.Name}",
        term.Description.Length > 0 ? term.Description : fallback);

    public static IResult Respond(Feed feed, ArticleFeedFormat format) =>
        new FeedResponse(FeedFormats.Write(feed, format), FeedFormats.ContentType(format), feed.Updated);

    /// <summary>A missing slash or a slug in another case is a 301 to the feed's one URL, as for pages.</summary>
    private static IResult? Moved(HttpContext context, string pagePath, ArticleFeedFormat format)
    {
        var canonical = ArticleFeedPaths.Of(pagePath, format);
        return string.Equals(context.Request.Path.Value, canonical, StringComparison.Ordinal)
            ? null
            : Results.Redirect(canonical + context.Request.QueryString, permanent: true);
    }

    private static string Slug(HttpContext context) => context.Request.RouteValues["slug"] as string ?? "";

    /// <summary>A tag's or author's feed Gazette does not know may be a moved-in site's, named otherwise there.</summary>
    private static async Task<IResult> OldLinkOrNotFoundAsync(HttpContext context) =>
        await OldLinkLookup.FindAsync(context, context.RequestAborted) is { Location: { } location }
            ? Results.Redirect(location, permanent: true)
            : await NotFoundAsync(context);

    public static Task<IResult> NotFoundAsync(HttpContext context) =>
        context.RequestServices.GetRequiredService<PageRenderer>().NotFoundAsync(context.RequestAborted);
}
