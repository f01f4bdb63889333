using Gazette.Media.Contracts;

namespace Gazette.Media;

public sealed class MediaImageLookup(MediaStore store) : IImageLookup
{
    public async Task<ImageView?> FindAsync(long mediaId, CancellationToken cancellationToken = default)
    {
        if (await store.FindAsync(mediaId, cancellationToken) is not { } item)
        {
            return null;
        }
        var image = ResponsiveImage.For(item);
        var crops = item.CropNames;
        var (wideWidth, wideHeight) = crops.Count > 0 ? FocalCrops.Size(item.Width, item.Height, CropShape.All[0]) : (0, 0);
        return new ImageView(image.Src, image.SrcSet, image.Sizes, image.Width, image.Height, image.Alt, image.Caption, image.Credit, image.ObjectPosition, item.Url,
            [.. crops.Select(MediaNames.UrlOf)], wideWidth, wideHeight);
    }
}
