using Gazette.Articles.Contracts;
using Gazette.Kernel;

namespace Gazette.Articles;

/// <summary>An article's or page's path from its slug alone: slugs are unique across both, so a slug is never two things.</summary>
public sealed class PublicSlugs(PublicArticleReader reader, Permalinks links) : IPublicSlugs
{
    public async Task<string?> PathOfAsync(string slug, CancellationToken cancellationToken)
    {
        var normalized = Normalized.Slug(slug);
        if (normalized.Length == 0)
        {
            return null;
        }
        if (await reader.FindPublishedAsync(normalized, cancellationToken) is { } article)
        {
            return links.Of(article);
        }
        return await reader.FindPublishedPageAsync(normalized, cancellationToken) is var (_, place) ? place.Path : null;
    }
}
