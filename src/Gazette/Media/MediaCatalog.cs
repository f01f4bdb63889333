using Gazette.Media.Contracts;

namespace Gazette.Media;

/// <summary><see cref="IMediaCatalog"/> over the store: the files are public at /media/ anyway.</summary>
public sealed class MediaCatalog(MediaStore store) : IMediaCatalog
{
    public async Task<(IReadOnlyList<LibraryImage> Items, long Total)> ListAsync(string? search, int page, int perPage, CancellationToken cancellationToken)
    {
        var found = await store.ListAsync(search, page, perPage, cancellationToken);
        return ([.. found.Items.Select(Of)], found.Total);
    }

    public async Task<LibraryImage?> FindAsync(long id, CancellationToken cancellationToken) =>
        await store.FindAsync(id, cancellationToken) is { } item ? Of(item) : null;

    private static LibraryImage Of(MediaItem item) => new(item.Id, item.Url, item.OriginalName, item.MimeType, item.Width, item.Height, item.ByteSize,
        item.AltText, item.Caption, item.UploadedAt, item.UploadedBy);
}
