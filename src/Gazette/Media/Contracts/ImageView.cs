namespace Gazette.Media.Contracts;

/// <summary>What another module's template needs to print a library image: <c>&lt;img src srcset sizes width height alt&gt;</c>, caption, credit and the focal point as <c>object-position</c>.</summary>
/// <param name="Original">The stored original, the largest there is.</param>
/// <param name="Crops">URLs of its 16:9, 4:3 and 1:1 crops around the focal point (structured data and social cards want these shapes); empty for a GIF.</param>
/// <param name="WideCropWidth">The 16:9 crop's pixel size (the first of <paramref name="Crops"/>), for og:image:width and height; 0 when there is none.</param>
public sealed record ImageView(string Src, string SrcSet, string Sizes, int Width, int Height, string Alt, string Caption, string Credit, string ObjectPosition, string Original, IReadOnlyList<string> Crops, int WideCropWidth = 0, int WideCropHeight = 0);

/// <summary>The media library as other modules see it: an image by id, ready to show, or null when there is none.</summary>
public interface IImageLookup
{
    Task<ImageView?> FindAsync(long mediaId, CancellationToken cancellationToken = default);

    /// <summary>Several at once (a front page's cards), by id; ids with no image are left out.</summary>
    Task<IReadOnlyDictionary<long, ImageView>> FindManyAsync(IReadOnlyCollection<long> mediaIds, CancellationToken cancellationToken = default);
}
