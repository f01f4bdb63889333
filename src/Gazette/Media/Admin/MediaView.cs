using System.Globalization;

namespace Gazette.Media.Admin;

/// <summary>How the library pages show an image: its thumbnail, its size in words, and the Markdown that puts it in an article.</summary>
public static class MediaView
{
    public const int ThumbnailWidth = 480;

    /// <summary>The 480 px WebP copy, or the narrowest there is, or the original of a small image.</summary>
    public static (string Src, int Width, int Height) Thumbnail(MediaItem item)
    {
        var width = item.Widths.Contains(ThumbnailWidth) ? ThumbnailWidth : item.Widths.Count > 0 ? item.Widths.Min() : 0;
        if (width == 0 || width >= item.Width)
        {
            return (item.Url, item.Width, item.Height);
        }
        return (MediaNames.UrlOf(MediaNames.Variant(item.Name, width)), width, (int)Math.Round((double)item.Height * width / item.Width));
    }

    public static string Size(MediaItem item) =>
        string.Create(CultureInfo.InvariantCulture, $"{item.Width} × {item.Height} px, {(item.ByteSize < 1024 * 1024 ? $"{Math.Max(1, item.ByteSize / 1024)} KB" : $"{item.ByteSize / (1024.0 * 1024):0.0} MB")}");

    public static string Markdown(MediaItem item) => $"![{item.AltText.Replace("]", "\\]", StringComparison.Ordinal)}]({item.Url})";
}
