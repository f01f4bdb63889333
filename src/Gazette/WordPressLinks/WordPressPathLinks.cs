using System.Globalization;
using Gazette.Articles.Contracts;
using Gazette.Import.Contracts;
using Gazette.Kernel;

namespace Gazette.WordPressLinks;

/// <summary>
/// WordPress's pretty links, read where Gazette found nothing at the path:
/// a post by <c>/YYYY/MM/DD/slug/</c>, <c>/YYYY/MM/slug/</c>, <c>/YYYY/slug/</c>, <c>/slug/</c>
/// or <c>/archives/ID/</c> (found by slug or id, whatever Gazette's own pattern);
/// a day's archive (<c>/YYYY/MM/DD/</c>, to its month, the finest Gazette keeps);
/// <c>/category/x/</c> and <c>/category/parent/child/</c> (the section); tags and
/// authors (Gazette's paths are WordPress's, so only their feed variants arrive here);
/// and each of these with <c>feed/</c>, <c>feed/rss2/</c>, <c>feed/rss/</c>,
/// <c>feed/rdf/</c> or <c>feed/atom/</c> after it, including the site's and the comments' own;
/// listings' numbered pages (<c>/page/2/</c>, <c>/category/x/page/2/</c>: <see cref="WordPressPaging"/>).
/// An author or term whose WordPress name Gazette did not keep is found through the import map.
/// </summary>
public sealed class WordPressPathLinks(IPublicArticles articles, IPublicSlugs slugs, IAuthorDirectory authors, IImportedNames imported, WordPressPaging paging) : IOldLinks
{
    public IReadOnlyList<string> HomeQueryKeys => [];

    public async Task<OldLinkAnswer?> FindAsync(string path, IQueryCollection query, CancellationToken cancellationToken)
    {
        var segments = path.ToLowerInvariant().Split('/', StringSplitOptions.RemoveEmptyEntries);
        var (listed, page) = SplitPage(segments);
        var (place, feed) = SplitFeed(listed);
        if (page is not null && feed is not null)
        {
            return null;
        }
        var location = await LocateAsync(place, feed, page is not null, cancellationToken) switch
        {
            { Listing: { } listing } found when page is { } number => await paging.PageAsync(found.Path, listing, number, cancellationToken),
            { } found => found.Path,
            null => null,
        };
        return location switch
        {
            null => null,
            { Length: 0 } => new OldLinkAnswer(null),
            // Never a redirect to itself: that would be a loop, not a move.
            _ when string.Equals(location, path, StringComparison.OrdinalIgnoreCase) => null,
            _ => new OldLinkAnswer(location),
        };
    }

    /// <summary>
    /// Where the place now lives, with the listing it shows when it is one; an empty path when it
    /// has an old shape but names nothing public; null when it is no old link.
    /// </summary>
    private async Task<OldPlace?> LocateAsync(string[] place, ArticleFeedFormat? feed, bool paged, CancellationToken cancellationToken)
    {
        switch (place)
        {
            case [] when feed is { } format:
                return new OldPlace(ArticleFeedPaths.Of("/", format));
            case [] when paged:
                return new OldPlace("/", new PublicArticleFilter(0));
            case ["comments"] when feed is { } format:
                return new OldPlace(ArticleFeedPaths.Of(WordPressFeeds.CommentsPath, format));
            case ["category", .., var child]:
                return await SectionAsync(child, cancellationToken) is { } section
                    ? new OldPlace(WordPressFeeds.Beneath(section.Path, feed), new PublicArticleFilter(0, SectionId: section.Id))
                    : OldPlace.Nothing;
            case ["tag", var tagSlug]:
                return await TagAsync(tagSlug, cancellationToken) is { } tag
                    ? new OldPlace(WordPressFeeds.Beneath(tag.Path, feed), new PublicArticleFilter(0, TagId: tag.Id))
                    : OldPlace.Nothing;
            case ["author", var authorSlug]:
                return await AuthorAsync(authorSlug, cancellationToken) is { } author
                    ? new OldPlace(WordPressFeeds.Beneath(author.Path, feed), new PublicArticleFilter(0, AuthorId: author.Id))
                    : OldPlace.Nothing;
            case ["archives", var id] when long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number):
                return await articles.FindAsync(await imported.ArticleAsync(number, cancellationToken) ?? number, cancellationToken) is { } byId
                    ? new OldPlace(WordPressFeeds.Beneath(byId.Path, feed))
                    : OldPlace.Nothing;
            case [var year, var month, var day] when feed is null && IsDate(year, 4) && IsDate(month, 2) && IsDate(day, 2):
                return new OldPlace($"/{year}/{month}/");
            case [var year, .. var month] when paged && month.Length <= 1 && IsDate(year, 4) && month.All(part => IsDate(part, 2)):
                return new OldPlace($"/{string.Join('/', place)}/");
            // Probes for what the platform owns (wp-login.php) are no one's slug: answered without a query.
            case [var slug] when !IsDate(slug, slug.Length) && !ReservedWords.IsReserved(Normalized.Slug(slug)):
                return await BySlugAsync(slug, feed, cancellationToken);
            case [var year, .. var dates, var slug] when dates.Length <= 2 && IsDate(year, 4) && dates.All(part => IsDate(part, 2)) && !IsDate(slug, slug.Length):
                return await BySlugAsync(slug, feed, cancellationToken);
            default:
                return null;
        }
    }

    private async Task<PublicTerm?> SectionAsync(string slug, CancellationToken cancellationToken) =>
        await articles.FindSectionAsync(slug, cancellationToken)
        ?? (await imported.TermSlugAsync(tag: false, slug, cancellationToken) is { } kept ? await articles.FindSectionAsync(kept, cancellationToken) : null);

    private async Task<PublicTerm?> TagAsync(string slug, CancellationToken cancellationToken) =>
        await articles.FindTagAsync(slug, cancellationToken)
        ?? (await imported.TermSlugAsync(tag: true, slug, cancellationToken) is { } kept ? await articles.FindTagAsync(kept, cancellationToken) : null);

    /// <summary>An author page by Gazette's slug, or by WordPress's (the login) for an imported author.</summary>
    private async Task<PublicAuthor?> AuthorAsync(string slug, CancellationToken cancellationToken)
    {
        if (await authors.FindBySlugAsync(slug, cancellationToken) is { } author)
        {
            return author;
        }
        return await imported.MemberAsync(slug, cancellationToken) is { } id && (await authors.FindAsync([id], cancellationToken)).TryGetValue(id, out var member)
            ? member
            : null;
    }

    private async Task<OldPlace> BySlugAsync(string slug, ArticleFeedFormat? feed, CancellationToken cancellationToken) =>
        await slugs.PathOfAsync(slug, cancellationToken) is { } path ? new OldPlace(WordPressFeeds.Beneath(path, feed)) : OldPlace.Nothing;

    /// <summary>"x/page/3/" is x's third page; anything else is x itself.</summary>
    private static (string[] Place, int? Page) SplitPage(string[] segments) => segments switch
    {
        [.. var place, "page", var number] when int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page > 0 => (place, page),
        _ => (segments, null),
    };

    /// <summary>"x/feed/", "x/feed/rss2/" (or rss, rdf, atom) is x's feed; anything else is x itself.</summary>
    private static (string[] Place, ArticleFeedFormat? Feed) SplitFeed(string[] segments) => segments switch
    {
        [.. var place, "feed", var name] when WordPressFeeds.Format(name) is { } format => (place, format),
        [.. var place, "feed"] => (place, ArticleFeedFormat.Rss),
        _ => (segments, null),
    };

    private static bool IsDate(string segment, int length) => segment.Length == length && length > 0 && segment.All(char.IsAsciiDigit);

    /// <summary>A place's new path ("" for nothing public) and, for a listing, what it lists (for its numbered pages).</summary>
    private sealed record OldPlace(string Path, PublicArticleFilter? Listing = null)
    {
        public static readonly OldPlace Nothing = new("");
    }
}
