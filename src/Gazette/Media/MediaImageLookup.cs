using Gazette.Media.Contracts;

namespace Gazette.Media;

public sealed class MediaImageLookup(MediaStore store) : IImageLookup
{
    public async Task<ImageView?> FindAsync(long mediaId, CancellationToken cancellationToken = default) =>
        await store.FindAsync(mediaId, cancellationToken) is { } item && ResponsiveImage.For(item) is var image
            ? new ImageView(image.Src, image.SrcSet, image.Sizes, image.Width, image.Height, image.Alt, image.Caption, image.Credit, image.ObjectPosition, item.Url, [.. item.CropNames.Select(MediaNames.UrlOf)])
            : null;
}
