using System.Text.RegularExpressions;

namespace Gazette.Media;

/// <summary>
/// Media file names: the first 32 hex digits of the SHA-256 of the stored
/// original and its type's extension, and for each WebP copy the same stem and
/// its width. Content-hashed, so a name's bytes never change and may be cached forever.
/// </summary>
public static partial class MediaNames
{
    public const string UrlPrefix = "/media/";

    public static string Original(string contentHash, ImageType type) => contentHash[..32] + "." + type.Extension;

    public static string Variant(string name, int width) => $"{Stem(name)}-{width}.webp";

    public static string UrlOf(string name) => UrlPrefix + name;

    public static string Stem(string name) => name[..32];

    /// <summary>Only names Gazette makes: anything else (dots, slashes, other widths) is not a media file.</summary>
    public static bool IsValid(string name) => Pattern().IsMatch(name);

    /// <summary>A WebP copy rather than an original.</summary>
    public static bool IsVariant(string name) => name.EndsWith(".webp", StringComparison.Ordinal) && name.Contains('-', StringComparison.Ordinal);

    public static string ContentType(string name) =>
        IsVariant(name) ? ImageType.WebP.MimeType : ImageType.FromExtension(name[(name.LastIndexOf('.') + 1)..])!.MimeType;

    [GeneratedRegex(@"\A[0-9a-f]{32}(\.(jpg|png|webp|gif)|-(480|960|1600)\.webp)\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
