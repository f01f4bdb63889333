using Gazette.Articles.Contracts;
using Gazette.Rendering;

namespace Gazette.Related;

/// <summary>
/// Fills the article page's related coverage from the stored ids, keeping only
/// those the public may see at this moment (<see cref="IPublicArticles"/>), so
/// an article unpublished or embargoed vanishes before its neighbours are
/// recomputed. The page is tagged with every stored id, visible or not.
/// </summary>
public sealed class RelatedSlot(RelatedCoverage coverage, IPublicArticles articles, SiteTime time) : IRelatedSlot
{
    public async Task<RelatedSlotContent> FillAsync(long articleId, CancellationToken cancellationToken)
    {
        var ids = await coverage.ReadAsync(articleId, cancellationToken);
        IReadOnlyList<string> tags = [RelatedCacheTags.Of(articleId), .. ids.Select(RelatedCacheTags.Showing)];
        if (ids.Count == 0)
        {
            return new RelatedSlotContent(null, tags);
        }
        var visible = (await articles.FindManyAsync(ids, cancellationToken)).ToDictionary(article => article.Id);
        var links = ids.Where(visible.ContainsKey).Select(id => visible[id]).Select(article => new RelatedLinkView(
            article.Title,
            article.Path,
            article.Sections.Count > 0 ? new LinkView(article.Sections[0].Name, article.Sections[0].Path) : null,
            time.View(article.PublishedAt))).ToList();
        return new RelatedSlotContent(links.Count > 0 ? new RelatedView(links) : null, tags);
    }
}
