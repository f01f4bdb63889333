namespace Gazette.Media.Contracts;

/// <summary>
/// A library image as a whole-site export writes it: its stored original's
/// site-relative <see cref="Url"/>, the <see cref="Stem"/> every file made from
/// it (WebP copies, crops) starts with, and what describes it.
/// </summary>
public sealed record ExportedImage(long Id, string Url, string Stem, string OriginalName, string MimeType, string Extension,
    string Alt, string Caption, string Credit, DateTimeOffset UploadedAt, long? UploadedBy);

/// <summary>The whole media library, read for an export of the site. Implemented by Media.</summary>
public interface IMediaExport
{
    /// <summary>Images with ids above <paramref name="afterId"/>, by id, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<ExportedImage>> PageAsync(long afterId, int limit, CancellationToken cancellationToken);

    /// <summary>The stored original's bytes, or null when its file is not in the media folder.</summary>
    Stream? OpenOriginal(ExportedImage image);

    /// <summary>
    /// The <see cref="ExportedImage.Stem"/> of the library file a site-relative URL names (its
    /// original, a WebP copy or a crop), or null when the URL is not a library file's.
    /// </summary>
    string? StemOf(string url);
}
