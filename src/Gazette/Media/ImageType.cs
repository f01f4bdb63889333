using SkiaSharp;

namespace Gazette.Media;

/// <summary>
/// The four kinds of image the newsroom may upload, recognised by their first
/// bytes: never by the file's name or the type the browser declared.
/// </summary>
public sealed record ImageType(string MimeType, string Extension, SKEncodedImageFormat Format)
{
    public static readonly ImageType Jpeg = new("image/jpeg", "jpg", SKEncodedImageFormat.Jpeg);
    public static readonly ImageType Png = new("image/png", "png", SKEncodedImageFormat.Png);
    public static readonly ImageType WebP = new("image/webp", "webp", SKEncodedImageFormat.Webp);
    public static readonly ImageType Gif = new("image/gif", "gif", SKEncodedImageFormat.Gif);

    public static readonly IReadOnlyList<ImageType> All = [Jpeg, Png, WebP, Gif];

    public static ImageType? Sniff(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return Jpeg;
        }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return Png;
        }
        if (bytes.StartsWith("GIF87a"u8) || bytes.StartsWith("GIF89a"u8))
        {
            return Gif;
        }
        return bytes.Length >= 12 && bytes.StartsWith("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8) ? WebP : null;
    }

    public static ImageType? FromExtension(string extension) =>
        All.FirstOrDefault(type => type.Extension == extension);
}
