namespace Gazette.Rendering;

/// <summary>The masthead's links, from whichever module keeps the site's sections.</summary>
public interface ISiteNavigation
{
    Task<IReadOnlyList<LinkView>> ListAsync(int limit, CancellationToken cancellationToken);
}
