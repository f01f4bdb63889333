using Gazette.Articles.Contracts;
using Gazette.Caching;
using Gazette.Events;
using Gazette.Rendering;

namespace Gazette.Articles;

/// <summary>
/// On every node: a published or changed article evicts the pages that show it (its own, the home page,
/// its sections', tags' and members' pages and its date archives, before and after the change); a change
/// the public never saw (a draft's, a schedule's) evicts only what a new section in the navigation changes.
/// </summary>
public sealed class ArticleCacheEviction(PageCache cache, SiteTime time) : INodeSubscriber<ArticlePublished>, INodeSubscriber<ArticleChanged>, INodeSubscriber<TermDescribed>, INodeSubscriber<SectionMoved>, INodeSubscriber<FrontChanged>, INodeSubscriber<LiveBlogUpdated>
{
    public Task HandleAsync(ArticlePublished change, CancellationToken cancellationToken) =>
        cache.EvictAsync(
            [.. Showing(change.ArticleId, change.SectionIds, change.TagIds, change.MemberIds, change.PublishedAt), .. Navigation(change.NavigationChanged)],
            cancellationToken);

    public Task HandleAsync(ArticleChanged change, CancellationToken cancellationToken) =>
        cache.EvictAsync(
            [
                .. change.Shown ? Showing(change.ArticleId, change.SectionIds, change.TagIds, change.MemberIds, change.PublishedAt) : [],
                .. Navigation(change.NavigationChanged),
            ],
            cancellationToken);

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

    private IEnumerable<string> Showing(long articleId, IReadOnlyList<long> sectionIds, IReadOnlyList<long> tagIds, IReadOnlyList<long>? memberIds, IReadOnlyList<DateTimeOffset>? publishedAt) =>
        [
            ArticleCacheTags.Home,
            ArticleCacheTags.Article(articleId),
            .. sectionIds.Select(ArticleCacheTags.Section),
            .. tagIds.Select(ArticleCacheTags.Tag),
            .. memberIds is null || publishedAt is null
                ? [ArticleCacheTags.Archives]
                : memberIds.Select(ArticleCacheTags.Author).Concat(publishedAt.SelectMany(at => ArticleCacheTags.Periods(time.Local(at)))),
        ];

    private static IEnumerable<string> Navigation(bool changed) => changed ? [CacheTags.Site] : [];
}
