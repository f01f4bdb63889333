namespace Gazette.Rendering;

/// <summary>The masthead's links, from whichever module keeps the site's sections.</summary>
public interface ISiteNavigation
{
    /// <param name="limit">How many links to offer when nobody has chosen them (an editor's choice is shown whole).</param>
    Task<IReadOnlyList<LinkView>> ListAsync(int limit, CancellationToken cancellationToken);
}
