namespace Gazette.Media.Contracts;

/// <summary>
/// Implemented by a module whose content can show images (an article's body or
/// featured image): where an image is used, so an author cannot delete one a
/// page still shows. Every registered implementation is asked.
/// </summary>
public interface IMediaReferences
{
    /// <summary>Short descriptions of what uses the image (an article's title), empty when nothing does.</summary>
    Task<IReadOnlyList<string>> FindUsesAsync(long mediaId, string name, CancellationToken cancellationToken = default);
}
