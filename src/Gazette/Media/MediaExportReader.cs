using Dapper;
using Gazette.Media.Contracts;
using Gazette.Storage;

namespace Gazette.Media;

/// <summary><see cref="IMediaExport"/> over the media table and folder: a page of rows at a time, files opened one by one.</summary>
public sealed class MediaExportReader(Database database, MediaFolder folder) : IMediaExport
{
    public async Task<IReadOnlyList<ExportedImage>> PageAsync(long afterId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var items = await connection.QueryAsync<MediaItem>(new CommandDefinition(
            $"select {MediaStore.Columns} from media where id > @afterId order by id limit @limit", new { afterId, limit }, cancellationToken: cancellationToken));
        return [.. items.Select(item => new ExportedImage(item.Id, item.Url, MediaNames.Stem(item.Name), item.OriginalName, item.MimeType,
            item.Name[(item.Name.LastIndexOf('.') + 1)..], item.AltText, item.Caption, item.Credit, item.UploadedAt, item.UploadedBy))];
    }

    public Stream? OpenOriginal(ExportedImage image)
    {
        try
        {
            return folder.Find(image.Url[MediaNames.UrlPrefix.Length..]).OpenRead();
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public string? StemOf(string url)
    {
        if (!url.StartsWith(MediaNames.UrlPrefix, StringComparison.Ordinal))
        {
            return null;
        }
        var name = url[MediaNames.UrlPrefix.Length..];
        return MediaNames.IsValid(name) ? MediaNames.Stem(name) : null;
    }
}
