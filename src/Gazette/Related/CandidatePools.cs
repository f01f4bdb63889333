using Gazette.Articles.Contracts;

namespace Gazette.Related;

/// <summary>
/// The candidate lists one batch of computations reads, each read once: the
/// articles of a batch share the site's newest, often their section's and
/// some tags', and reading them again per article made a build of 100,000
/// articles take hours. A pool lives as long as its batch, so it is never staler than the batch.
/// </summary>
internal sealed class CandidatePools(IPublicArticles articles)
{
    private readonly Dictionary<PublicArticleFilter, IReadOnlyList<PublicArticle>> _read = [];

    public async Task<IReadOnlyList<PublicArticle>> LatestAsync(PublicArticleFilter filter, CancellationToken cancellationToken)
    {
        if (!_read.TryGetValue(filter, out var pool))
        {
            pool = await articles.LatestAsync(filter, cancellationToken);
            _read[filter] = pool;
        }
        return pool;
    }
}
