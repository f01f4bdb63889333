using Gazette.Caching;
using Gazette.Search.Contracts;
using Gazette.Events;

namespace Gazette.Search;

/// <summary>
/// On every node: the index written for an article evicts every cached results page, since any
/// query may now find it, miss it or show its new headline (the index, not the article event,
/// says when: it is written a moment after the change, by the cluster's leader).
/// </summary>
public sealed class SearchCacheEviction(PageCache cache) : INodeSubscriber<SearchIndexChanged>
{
    public Task HandleAsync(SearchIndexChanged change, CancellationToken cancellationToken) =>
        cache.EvictAsync([ISiteSearch.CacheTag], cancellationToken);
}
