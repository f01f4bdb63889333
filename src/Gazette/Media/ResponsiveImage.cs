using System.Globalization;
using Gazette.Rendering;

namespace Gazette.Media;

/// <summary>
/// What a template needs to print an image: <c>&lt;img src srcset sizes width
/// height alt&gt;</c>, and <c>object-position</c> from the focal point, so a
/// theme that crops (a square teaser, a wide hero) keeps the subject in view.
/// </summary>
public sealed record ResponsiveImage(string Src, string SrcSet, string Sizes, int Width, int Height, string Alt, string Caption, string Credit, string ObjectPosition)
{
    /// <summary>An article column: the full width of a phone, at most 960 CSS pixels.</summary>
    public const string ArticleSizes = "(max-width: 960px) 100vw, 960px";

    /// <summary>
    /// The WebP copies and the original as <c>srcset</c> candidates, the
    /// largest copy no wider than 960 as <c>src</c> for browsers without
    /// <c>srcset</c>. A GIF is shown as itself, still animated: its WebP copies
    /// are single frames, for the library's thumbnails.
    /// </summary>
    public static ResponsiveImage For(MediaItem item, string sizes = ArticleSizes)
    {
        var sources = SourcesOf(item, sizes);
        return new ResponsiveImage(sources.Src, sources.SrcSet, sources.Sizes, sources.Width, sources.Height, item.AltText, item.Caption, item.Credit, ObjectPositionOf(item));
    }

    public static ImageSourceSet SourcesOf(MediaItem item, string sizes = ArticleSizes)
    {
        if (item.MimeType == ImageType.Gif.MimeType || item.Widths.Count == 0)
        {
            return new ImageSourceSet(item.Url, "", "", item.Width, item.Height);
        }
        var candidates = item.Widths
            .Select(width => (Url: MediaNames.UrlOf(MediaNames.Variant(item.Name, width)), Width: width))
            .Append((item.Url, item.Width))
            .ToList();
        var src = candidates.LastOrDefault(candidate => candidate.Width <= 960, candidates[0]).Url;
        var srcSet = string.Join(", ", candidates.Select(candidate => string.Create(CultureInfo.InvariantCulture, $"{candidate.Url} {candidate.Width}w")));
        return new ImageSourceSet(src, srcSet, sizes, item.Width, item.Height);
    }

    public static string ObjectPositionOf(MediaItem item) =>
        string.Create(CultureInfo.InvariantCulture, $"{Math.Round(item.FocalX * 100, 1)}% {Math.Round(item.FocalY * 100, 1)}%");
}

/// <summary>Gives Markdown images of stored media their <c>srcset</c>, caption and credit (at save time: one lookup per image).</summary>
public sealed class MediaImageSources(MediaStore store) : IImageSources
{
    public ImageSourceSet? Find(string url)
    {
        if (!url.StartsWith(MediaNames.UrlPrefix, StringComparison.Ordinal))
        {
            return null;
        }
        var name = url[MediaNames.UrlPrefix.Length..];
        return MediaNames.IsValid(name) && !MediaNames.IsVariant(name) && store.FindByName(name) is { } item
            ? ResponsiveImage.SourcesOf(item) with { Caption = item.Caption, Credit = item.Credit }
            : null;
    }
}
