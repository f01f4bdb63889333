using Gazette.Articles.Contracts;
using Gazette.Caching;
using Gazette.Events;

namespace Gazette.Articles;

/// <summary>On every node: a published or changed article evicts the pages that show it.</summary>
public sealed class ArticleCacheEviction(PageCache cache) : INodeSubscriber<ArticlePublished>, INodeSubscriber<ArticleChanged>, INodeSubscriber<TermDescribed>, INodeSubscriber<SectionMoved>, INodeSubscriber<FrontChanged>, INodeSubscriber<LiveBlogUpdated>
{
    public Task HandleAsync(ArticlePublished change, CancellationToken cancellationToken) =>
        EvictAsync(change.ArticleId, change.SectionIds, change.TagIds, change.NavigationChanged, cancellationToken);

    public Task HandleAsync(ArticleChanged change, CancellationToken cancellationToken) =>
        EvictAsync(change.ArticleId, change.SectionIds, change.TagIds, change.NavigationChanged, cancellationToken);

    /// <summary>A description shows on its archive, and a section's on the Sections page (tagged with the home page).</summary>
    public Task HandleAsync(TermDescribed change, CancellationToken cancellationToken) =>
        cache.EvictAsync(
            change.Kind == TermDescriptions.Sections ? [ArticleCacheTags.Section(change.TermId), ArticleCacheTags.Home] : [ArticleCacheTags.Tag(change.TermId)],
            cancellationToken);

    /// <summary>
    /// A section's page carries the tags of every section beneath it (it lists their articles), so the
    /// moved section's tag reaches the pages of the sections it left, and the new parent's those it joined.
    /// The Sections page shows the tree (tagged with the home page).
    /// </summary>
    public Task HandleAsync(SectionMoved change, CancellationToken cancellationToken) =>
        cache.EvictAsync(
            [
                ArticleCacheTags.Home,
                ArticleCacheTags.Section(change.SectionId),
                .. new[] { change.OldParentId, change.NewParentId }.OfType<long>().Select(ArticleCacheTags.Section),
            ],
            cancellationToken);

    /// <summary>An editor rearranged a front: the home page, or the section's page (its parents' list other stories).</summary>
    public Task HandleAsync(FrontChanged change, CancellationToken cancellationToken) =>
        cache.EvictAsync([change.SectionId is { } id ? ArticleCacheTags.Section(id) : ArticleCacheTags.Home], cancellationToken);

    /// <summary>A live blog's entries show on its page and its live endpoint alone, both tagged with the article.</summary>
    public Task HandleAsync(LiveBlogUpdated change, CancellationToken cancellationToken) =>
        cache.EvictAsync([ArticleCacheTags.Article(change.ArticleId)], cancellationToken);

    private Task EvictAsync(long articleId, IReadOnlyList<long> sectionIds, IReadOnlyList<long> tagIds, bool navigationChanged, CancellationToken cancellationToken) =>
        cache.EvictAsync(
            [
                ArticleCacheTags.Home,
                ArticleCacheTags.Article(articleId),
                .. sectionIds.Select(ArticleCacheTags.Section),
                .. tagIds.Select(ArticleCacheTags.Tag),
                .. navigationChanged ? [CacheTags.Site] : Array.Empty<string>(),
            ],
            cancellationToken);
}
