using System.Globalization;
using Gazette.Articles.Contracts;
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
/// <c>feed/rdf/</c> or <c>feed/atom/</c> after it, including the site's and the comments' own.
/// </summary>
public sealed class WordPressPathLinks(IPublicArticles articles, IPublicSlugs slugs, IAuthorDirectory authors) : IOldLinks
{
    public IReadOnlyList<string> HomeQueryKeys => [];

    public async Task<OldLinkAnswer?> FindAsync(string path, IQueryCollection query, CancellationToken cancellationToken)
    {
        var segments = path.ToLowerInvariant().Split('/', StringSplitOptions.RemoveEmptyEntries);
        var (place, feed) = SplitFeed(segments);
        var location = await LocateAsync(place, feed, cancellationToken);
        return location switch
        {
            null => null,
            { Length: 0 } => new OldLinkAnswer(null),
            // Never a redirect to itself: that would be a loop, not a move.
            _ when string.Equals(location, path, StringComparison.OrdinalIgnoreCase) => null,
            _ => new OldLinkAnswer(location),
        };
    }

    /// <summary>Where the place now lives; "" when it has an old shape but names nothing public; null when it is no old link.</summary>
    private async Task<string?> LocateAsync(string[] place, ArticleFeedFormat? feed, CancellationToken cancellationToken)
    {
        switch (place)
        {
            case [] when feed is { } format:
                return ArticleFeedPaths.Of("/", format);
            case ["comments"] when feed is { } format:
                return ArticleFeedPaths.Of(WordPressFeeds.CommentsPath, format);
            case ["category", .., var child]:
                return Found(await articles.FindSectionAsync(child, cancellationToken) is { } section ? WordPressFeeds.Beneath(section.Path, feed) : null);
            case ["tag", var tagSlug]:
                return Found(await articles.FindTagAsync(tagSlug, cancellationToken) is { } tag ? WordPressFeeds.Beneath(tag.Path, feed) : null);
            case ["author", var authorSlug]:
                return Found(await authors.FindBySlugAsync(authorSlug, cancellationToken) is { } author ? WordPressFeeds.Beneath(author.Path, feed) : null);
            case ["archives", var id] when long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number):
                return Found(await articles.FindAsync(number, cancellationToken) is { } byId ? WordPressFeeds.Beneath(byId.Path, feed) : null);
            case [var year, var month, var day] when feed is null && IsDate(year, 4) && IsDate(month, 2) && IsDate(day, 2):
                return $"/{year}/{month}/";
            // Probes for what the platform owns (wp-login.php) are no one's slug: answered without a query.
            case [var slug] when !IsDate(slug, slug.Length) && !ReservedWords.IsReserved(Normalized.Slug(slug)):
                return await BySlugAsync(slug, feed, cancellationToken);
            case [var year, .. var dates, var slug] when dates.Length <= 2 && IsDate(year, 4) && dates.All(part => IsDate(part, 2)) && !IsDate(slug, slug.Length):
                return await BySlugAsync(slug, feed, cancellationToken);
            default:
                return null;
        }
    }

    private async Task<string?> BySlugAsync(string slug, ArticleFeedFormat? feed, CancellationToken cancellationToken) =>
        await slugs.PathOfAsync(slug, cancellationToken) is { } path ? WordPressFeeds.Beneath(path, feed) : null;

    private static string Found(string? location) => location ?? "";

    /// <summary>"x/feed/", "x/feed/rss2/" (or rss, rdf, atom) is x's feed; anything else is x itself.</summary>
    private static (string[] Place, ArticleFeedFormat? Feed) SplitFeed(string[] segments) => segments switch
    {
        [.. var place, "feed", var name] when WordPressFeeds.Format(name) is { } format => (place, format),
        [.. var place, "feed"] => (place, ArticleFeedFormat.Rss),
        _ => (segments, null),
    };

    private static bool IsDate(string segment, int length) => segment.Length == length && length > 0 && segment.All(char.IsAsciiDigit);
}
