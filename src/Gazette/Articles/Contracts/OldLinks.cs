namespace Gazette.Articles.Contracts;

/// <summary>
/// Where an old address now lives: <see cref="Location"/> (a path, with any
/// query) answers 301; null means the address has a known old shape but names
/// nothing the public may see (404).
/// </summary>
public sealed record OldLinkAnswer(string? Location);

/// <summary>
/// Addresses of the platform a site moved from (WordPress's), asked only where
/// Gazette itself has nothing: by <c>PublicPaths</c> before it answers 404, and
/// by the home page when its query carries one of <see cref="HomeQueryKeys"/>
/// (such a request is never served from the cache, so <c>/?p=5</c> is never the
/// cached home page). So an old link can never shadow a page Gazette serves.
/// </summary>
public interface IOldLinks
{
    IReadOnlyList<string> HomeQueryKeys { get; }

    /// <summary>The answer for <paramref name="path"/> and its query, or null when it is no old link this knows.</summary>
    Task<OldLinkAnswer?> FindAsync(string path, IQueryCollection query, CancellationToken cancellationToken);
}

/// <summary>Asks every <see cref="IOldLinks"/> about a request Gazette found nothing for.</summary>
public static class OldLinkLookup
{
    /// <summary>The first answer for the request's path and query, or null when it is no old link.</summary>
    public static async Task<OldLinkAnswer?> FindAsync(HttpContext context, CancellationToken cancellationToken)
    {
        foreach (var links in context.RequestServices.GetServices<IOldLinks>())
        {
            if (await links.FindAsync(context.Request.Path.Value ?? "/", context.Request.Query, cancellationToken) is { } answer)
            {
                return answer;
            }
        }
        return null;
    }
}

/// <summary>The public path of the article or page with a slug, whatever the site's permalink pattern. Implemented by Articles.</summary>
public interface IPublicSlugs
{
    Task<string?> PathOfAsync(string slug, CancellationToken cancellationToken);
}
