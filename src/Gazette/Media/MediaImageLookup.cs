using Gazette.Media.Contracts;

namespace Gazette.Media;

public sealed class MediaImageLookup(MediaStore store) : IImageLookup
{
    public async Task<ImageView?> FindAsync(long mediaId, CancellationToken cancellationToken = default) =>
        await store.FindAsync(mediaId, cancellationToken) is { } item ? View(item) : null;

    public async Task<IReadOnlyDictionary<long, ImageView>> FindManyAsync(IReadOnlyCollection<long> mediaIds, CancellationToken cancellationToken = default) =>
        mediaIds.Count == 0 ? new Dictionary<long, ImageView>() : (await store.FindManyAsync(mediaIds, cancellationToken)).ToDictionary(item => item.Id, View);

    private static ImageView View(MediaItem item)
    {
        var image = ResponsiveImage.For(item);
        var crops = item.CropNames;
        var (wideWidth, wideHeight) = crops.Count > 0 ? FocalCrops.Size(item.Width, item.Height, CropShape.All[0]) : (0, 0);
        return new ImageView(image.Src, image.SrcSet, image.Sizes, image.Width, image.Height, image.Alt, image.Caption, image.Credit, image.ObjectPosition, item.Url,
            [.. crops.Select(MediaNames.UrlOf)], wideWidth, wideHeight);
    }
}
