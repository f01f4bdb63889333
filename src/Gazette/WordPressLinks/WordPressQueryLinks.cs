using System.Globalization;
using Gazette.Articles.Contracts;
using Gazette.Import.Contracts;
using Microsoft.Extensions.Primitives;

namespace Gazette.WordPressLinks;

/// <summary>
/// WordPress's "plain" links, a query on the home page: <c>/?p=ID</c> and
/// <c>/?page_id=ID</c> (WordPress's id: the import map says what it became, and an
/// import into an empty site keeps it), <c>?feed=</c>, <c>?s=</c>, <c>?author=ID</c>,
/// <c>?tag=</c>, <c>?cat=ID</c> (WordPress's term id, from the import map), <c>?category_name=</c> and <c>?m=</c> (a date archive: YYYY, YYYYMM or YYYYMMDD,
/// a day going to its month), each listing with <c>&amp;paged=N</c>, and <c>?paged=N</c> alone (the home page's).
/// An id or name that is nothing public is a 404, as in WordPress.
/// </summary>
public sealed class WordPressQueryLinks(IPublicArticles articles, IAuthorDirectory authors, IImportedNames imported, WordPressPaging paging) : IOldLinks
{
    /// <summary>Where Gazette's search page lives (the Search module's page); WordPress's <c>?s=</c> becomes its <c>q</c>.</summary>
    private const string SearchPath = "/search";

    public IReadOnlyList<string> HomeQueryKeys { get; } = ["p", "page_id", "feed", "s", "author", "tag", "cat", "category_name", "m", "paged"];

    public async Task<OldLinkAnswer?> FindAsync(string path, IQueryCollection query, CancellationToken cancellationToken)
    {
        if (path != "/")
        {
            return null;
        }
        var feed = query.TryGetValue("feed", out var feedName) ? WordPressFeeds.Format(feedName.ToString()) : null;
        if (First(query, "p", "page_id") is { } id)
        {
            var article = long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                ? await articles.FindAsync(await imported.ArticleAsync(number, cancellationToken) ?? number, cancellationToken)
                : null;
            return new OldLinkAnswer(article is null ? null : feed is { } format && article.Kind == "article" ? ArticleFeedPaths.Of(article.Path, format) : article.Path);
        }
        if (query.TryGetValue("s", out var terms))
        {
            return new OldLinkAnswer(SearchPath + "?q=" + Uri.EscapeDataString(terms.ToString()));
        }
        if (query.TryGetValue("author", out var authorId))
        {
            var memberId = long.TryParse(authorId.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                ? await imported.MemberAsync(number, cancellationToken) ?? number
                : 0;
            var author = memberId > 0 && (await authors.FindAsync([memberId], cancellationToken)).TryGetValue(memberId, out var found) ? found : null;
            return author is null ? new OldLinkAnswer(null) : await ListingAsync(author.Path, new PublicArticleFilter(0, AuthorId: author.Id), feed, query, cancellationToken);
        }
        if (query.TryGetValue("tag", out var tagSlug))
        {
            var tag = await articles.FindTagAsync(tagSlug.ToString(), cancellationToken);
            return tag is null ? new OldLinkAnswer(null) : await ListingAsync(tag.Path, new PublicArticleFilter(0, TagId: tag.Id), feed, query, cancellationToken);
        }
        if (query.TryGetValue("cat", out var categoryId))
        {
            var slug = long.TryParse(categoryId.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var termId)
                ? await imported.SectionSlugAsync(termId, cancellationToken)
                : null;
            var section = slug is null ? null : await articles.FindSectionAsync(slug, cancellationToken);
            return section is null ? new OldLinkAnswer(null) : await ListingAsync(section.Path, new PublicArticleFilter(0, SectionId: section.Id), feed, query, cancellationToken);
        }
        if (query.TryGetValue("category_name", out var sectionSlug))
        {
            // WordPress names a child category by its path (parent/child); a slug names one section here, so the last one finds it.
            var section = await articles.FindSectionAsync(sectionSlug.ToString().TrimEnd('/').Split('/')[^1], cancellationToken);
            return section is null ? new OldLinkAnswer(null) : await ListingAsync(section.Path, new PublicArticleFilter(0, SectionId: section.Id), feed, query, cancellationToken);
        }
        if (query.TryGetValue("m", out var date))
        {
            return new OldLinkAnswer(DateArchive(date.ToString()));
        }
        if (query.ContainsKey("feed"))
        {
            return new OldLinkAnswer(feed is { } format ? WordPressFeeds.Site(feedName.ToString(), format) : null);
        }
        return query.ContainsKey("paged") ? await ListingAsync("/", new PublicArticleFilter(0), null, query, cancellationToken) : null;
    }

    /// <summary>A listing, its feed, or the page of it that <c>paged</c> names (a number that is none is WordPress's first page).</summary>
    private async Task<OldLinkAnswer> ListingAsync(string path, PublicArticleFilter listing, ArticleFeedFormat? feed, IQueryCollection query, CancellationToken cancellationToken)
    {
        if (feed is not null || !int.TryParse(query["paged"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var page))
        {
            return new OldLinkAnswer(WordPressFeeds.Beneath(path, feed));
        }
        var location = await paging.PageAsync(path, listing, page, cancellationToken);
        return new OldLinkAnswer(location.Length == 0 ? null : location);
    }

    /// <summary>Gazette's year or month archive for WordPress's <c>m</c>; it answers 404 itself for a period with nothing public.</summary>
    private static string? DateArchive(string m) =>
        m.Length is 4 or 6 or 8 && m.All(char.IsAsciiDigit)
            ? m.Length == 4 ? $"/{m}/" : $"/{m[..4]}/{m[4..6]}/"
            : null;

    private static string? First(IQueryCollection query, params string[] keys)
    {
        foreach (var key in keys)
        {
            if (query.TryGetValue(key, out StringValues value))
            {
                return value.ToString();
            }
        }
        return null;
    }
}
