namespace Gazette.Related.Contracts;

/// <summary>
/// The ids of an article's related coverage, in order, as last computed.
/// The caller still checks that each is public: one may have been withdrawn
/// since (decision 101). Implemented by Related.
/// </summary>
public interface IRelatedArticles
{
    Task<IReadOnlyList<long>> IdsAsync(long articleId, CancellationToken cancellationToken);
}
