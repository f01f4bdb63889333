using System.Text.RegularExpressions;

namespace Gazette.Media;

/// <summary>
/// Media file names: the first 32 hex digits of the SHA-256 of the stored
/// original and its type's extension, and for each WebP copy the same stem and
/// its width, and for each crop its shape and focal point. Content-hashed, so
/// a name's bytes never change and may be cached forever.
/// </summary>
public static partial class MediaNames
{
    public const string UrlPrefix = "/media/";

    public static string Original(string contentHash, ImageType type) => contentHash[..32] + "." + type.Extension;

    public static string Variant(string name, int width) => $"{Stem(name)}-{width}.webp";

    /// <summary>A crop of the image to <paramref name="shape"/> around its focal point (in the name, so moving the point names a new file).</summary>
    public static string Crop(string name, CropShape shape, double focalX, double focalY) =>
        $"{Stem(name)}-{shape.Name}-{FocalCrops.FocalText(focalX, focalY)}.webp";

    /// <summary>The parts of a crop's name: its image's stem and its shape; null for any other name.</summary>
    public static (string Stem, CropShape Shape)? CropOf(string name) =>
        CropPattern().Match(name) is { Success: true } match && CropShape.Named(match.Groups["shape"].Value) is { } shape
            ? (match.Groups["stem"].Value, shape)
            : null;

    public static string UrlOf(string name) => UrlPrefix + name;

    public static string Stem(string name) => name[..32];

    /// <summary>Only names Gazette makes: anything else (dots, slashes, other widths) is not a media file.</summary>
    public static bool IsValid(string name) => Pattern().IsMatch(name);

    /// <summary>A WebP copy rather than an original.</summary>
    public static bool IsVariant(string name) => name.EndsWith(".webp", StringComparison.Ordinal) && name.Contains('-', StringComparison.Ordinal);

    public static string ContentType(string name) =>
        IsVariant(name) ? ImageType.WebP.MimeType : ImageType.FromExtension(name[(name.LastIndexOf('.') + 1)..])!.MimeType;

    [GeneratedRegex(@"\A[0-9a-f]{32}(\.(jpg|png|webp|gif)|-(480|960|1600)\.webp|-(16x9|4x3|1x1)-\d{1,3}-\d{1,3}\.webp)\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    [GeneratedRegex(@"\A(?<stem>[0-9a-f]{32})-(?<shape>16x9|4x3|1x1)-\d{1,3}-\d{1,3}\.webp\z", RegexOptions.CultureInvariant)]
    private static partial Regex CropPattern();
}
