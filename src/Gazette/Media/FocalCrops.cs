using System.Globalization;
using SkiaSharp;

namespace Gazette.Media;

/// <summary>One of the shapes an image is cropped to, as Google asks of a news article's image (16:9, 4:3, 1:1).</summary>
public sealed record CropShape(string Name, int Across, int Down)
{
    public static readonly IReadOnlyList<CropShape> All = [new("16x9", 16, 9), new("4x3", 4, 3), new("1x1", 1, 1)];

    public static CropShape? Named(string name) => All.FirstOrDefault(shape => shape.Name == name);
}

/// <summary>
/// Crops that keep the focal point: the largest rectangle of a shape that fits
/// the picture, placed so the focal point is as near its centre as the edges
/// allow, at most 1200 pixels wide. Made on the first request for one (the
/// name holds the focal point, so a moved focal point is a new file and every
/// cache stays right).
/// </summary>
public static class FocalCrops
{
    public const int MaxWidth = 1200;

    private const float Quality = 80;

    /// <summary>The crop rectangle in a <paramref name="width"/> × <paramref name="height"/> picture.</summary>
    public static SKRectI Rectangle(int width, int height, CropShape shape, double focalX, double focalY)
    {
        var cropWidth = Math.Min(width, (int)((long)height * shape.Across / shape.Down));
        var cropHeight = Math.Min(height, (int)((long)cropWidth * shape.Down / shape.Across));
        var left = Math.Clamp((int)Math.Round(focalX * width - cropWidth / 2.0), 0, width - cropWidth);
        var top = Math.Clamp((int)Math.Round(focalY * height - cropHeight / 2.0), 0, height - cropHeight);
        return new SKRectI(left, top, left + cropWidth, top + cropHeight);
    }

    /// <summary>The size of the crop file made from a <paramref name="width"/> × <paramref name="height"/> picture: its rectangle, narrowed to <see cref="MaxWidth"/>.</summary>
    public static (int Width, int Height) Size(int width, int height, CropShape shape)
    {
        var area = Rectangle(width, height, shape, 0.5, 0.5);
        var cropWidth = Math.Min(area.Width, MaxWidth);
        return (cropWidth, Math.Max(1, (int)Math.Round((double)area.Height * cropWidth / area.Width)));
    }

    /// <summary>The focal point as it appears in a crop's file name: whole percent, so nearby points share a file.</summary>
    public static string FocalText(double focalX, double focalY) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)Math.Round(focalX * 100)}-{(int)Math.Round(focalY * 100)}");

    /// <summary>The crop as WebP, from the stored original (already upright, its metadata gone).</summary>
    public static byte[]? Make(byte[] original, CropShape shape, double focalX, double focalY)
    {
        using var picture = SKBitmap.Decode(original);
        if (picture is null)
        {
            return null;
        }
        var area = Rectangle(picture.Width, picture.Height, shape, focalX, focalY);
        var (width, height) = Size(picture.Width, picture.Height, shape);
        using var cropped = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, picture.AlphaType));
        using (var canvas = new SKCanvas(cropped))
        {
            using var image = SKImage.FromBitmap(picture);
            canvas.DrawImage(image, area, new SKRect(0, 0, width, height), new SKSamplingOptions(SKCubicResampler.Mitchell));
        }
        using var pixels = cropped.PeekPixels() ?? throw new InvalidOperationException("A cropped bitmap has no pixels.");
        using var encoded = pixels.Encode(new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossy, Quality));
        return encoded?.ToArray();
    }
}
