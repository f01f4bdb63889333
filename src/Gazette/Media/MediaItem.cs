using System.Globalization;

namespace Gazette.Media;

/// <summary>One stored image, as its row says.</summary>
public sealed record MediaItem
{
    public long Id { get; init; }
    public required string ContentHash { get; init; }
    public required string Name { get; init; }
    public required string OriginalName { get; init; }
    public required string MimeType { get; init; }
    public int Width { get; init; }
    public int Height { get; init; }
    public long ByteSize { get; init; }
    public required string VariantWidths { get; init; }
    public required string AltText { get; init; }
    public required string Caption { get; init; }
    public required string Credit { get; init; }
    public required string UsageRights { get; init; }
    public double FocalX { get; init; }
    public double FocalY { get; init; }
    public long? UploadedBy { get; init; }
    public DateTimeOffset UploadedAt { get; init; }

    /// <summary>The WebP copies beside the original, narrowest first.</summary>
    public IReadOnlyList<int> Widths =>
        [.. VariantWidths.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(width => int.Parse(width, CultureInfo.InvariantCulture))];

    public string Url => MediaNames.UrlOf(Name);

    /// <summary>The names of its crops around the focal point (none for a GIF, which is shown as itself, animated).</summary>
    public IReadOnlyList<string> CropNames => MimeType == ImageType.Gif.MimeType ? [] : [.. CropShape.All.Select(shape => MediaNames.Crop(Name, shape, FocalX, FocalY))];
}

/// <summary>What an editor may change about an image after it is uploaded.</summary>
public sealed record MediaMetadata(string? AltText, string? Caption, string? Credit, string? UsageRights, double FocalX = 0.5, double FocalY = 0.5);

/// <summary>One page of the library, newest first.</summary>
public sealed record MediaPage(IReadOnlyList<MediaItem> Items, int Page, int PageSize, long Total)
{
    public bool HasNext => (long)Page * PageSize < Total;
}
