namespace Gazette.Media.Contracts;

/// <summary>A library image as an API lists it: its file's URL (site-relative) and what describes it.</summary>
public sealed record LibraryImage(long Id, string Url, string OriginalName, string MimeType, int Width, int Height, long ByteSize,
    string Alt, string Caption, DateTimeOffset UploadedAt, long? UploadedBy);

/// <summary>The media library, newest first, as the WordPress API lists it. Implemented by Media.</summary>
public interface IMediaCatalog
{
    /// <summary>One page; <paramref name="search"/> matches the file's name or alt text.</summary>
    Task<(IReadOnlyList<LibraryImage> Items, long Total)> ListAsync(string? search, int page, int perPage, CancellationToken cancellationToken);

    Task<LibraryImage?> FindAsync(long id, CancellationToken cancellationToken);
}
