namespace Gazette.Media.Contracts;

/// <summary>What another module's template needs to print a library image: <c>&lt;img src srcset sizes width height alt&gt;</c>, caption, credit and the focal point as <c>object-position</c>.</summary>
/// <param name="Original">The stored original, the largest there is (structured data asks for it).</param>
public sealed record ImageView(string Src, string SrcSet, string Sizes, int Width, int Height, string Alt, string Caption, string Credit, string ObjectPosition, string Original);

/// <summary>The media library as other modules see it: an image by id, ready to show, or null when there is none.</summary>
public interface IImageLookup
{
    Task<ImageView?> FindAsync(long mediaId, CancellationToken cancellationToken = default);
}
