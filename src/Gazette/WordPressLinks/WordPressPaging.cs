using Gazette.Articles.Contracts;

namespace Gazette.WordPressLinks;

/// <summary>
/// WordPress numbers a listing's pages (<c>/page/3/</c>, <c>?paged=3</c>), ten
/// posts a page unless the site changed it; Gazette pages by the article a page
/// starts after. Page N becomes the listing after WordPress's (N−1)×10th post,
/// so a reader lands on the posts that page showed.
/// </summary>
public sealed class WordPressPaging(IPublicArticles articles)
{
    /// <summary>WordPress's default posts_per_page; the export does not carry the site's own.</summary>
    public const int PostsPerPage = 10;

    /// <summary>Deeper pages are found by reading the posts before them, which is bounded: past it, the listing's first page.</summary>
    public const int DeepestPage = 50;

    /// <summary>Where page <paramref name="page"/> of the listing at <paramref name="listingPath"/> now is; "" past its last post (a 404, as in WordPress).</summary>
    public async Task<string> PageAsync(string listingPath, PublicArticleFilter listing, int page, CancellationToken cancellationToken)
    {
        if (page <= 1 || page > DeepestPage)
        {
            return listingPath;
        }
        var skipped = (page - 1) * PostsPerPage;
        var newer = await articles.LatestAsync(listing with { Limit = skipped + 1 }, cancellationToken);
        return newer.Count <= skipped ? "" : ArticleUrls.Older(listingPath, newer[skipped - 1].Id);
    }
}
