using Gazette.Related.Contracts;

namespace Gazette.Related;

/// <summary>The stored coverage, offered to other features.</summary>
public sealed class RelatedArticles(RelatedCoverage coverage) : IRelatedArticles
{
    public Task<IReadOnlyList<long>> IdsAsync(long articleId, CancellationToken cancellationToken) => coverage.ReadAsync(articleId, cancellationToken);
}
