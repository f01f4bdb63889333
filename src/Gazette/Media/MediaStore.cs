using Dapper;
using Gazette.Events;
using Gazette.Storage;

namespace Gazette.Media;

/// <summary>The media table: the same SQL on SQLite and PostgreSQL.</summary>
public sealed class MediaStore(Database database)
{
    private const string WrittenColumns =
        "content_hash, name, original_name, mime_type, width, height, byte_size, variant_widths, alt_text, caption, credit, usage_rights, focal_x, focal_y, uploaded_by, uploaded_at";

    public const string Columns = "id, " + WrittenColumns;

    /// <summary>Inserts the row, or finds the one already holding these bytes; true when it was new.</summary>
    public async Task<(MediaItem Item, bool Created)> InsertAsync(UnitOfWork work, MediaItem item, CancellationToken cancellationToken = default)
    {
        var id = await work.Connection.QuerySingleOrDefaultAsync<long?>(work.Command(
            $"""
            insert into media ({WrittenColumns})
            values (@ContentHash, @Name, @OriginalName, @MimeType, @Width, @Height, @ByteSize, @VariantWidths, @AltText, @Caption, @Credit, @UsageRights, @FocalX, @FocalY, @UploadedBy, @UploadedAt)
            on conflict (content_hash) do nothing
            returning id
            """, item, cancellationToken));
        if (id is { } created)
        {
            return (item with { Id = created }, true);
        }
        var existing = await work.Connection.QuerySingleAsync<MediaItem>(work.Command(
            $"select {Columns} from media where content_hash = @ContentHash", item, cancellationToken));
        return (existing, false);
    }

    public async Task<MediaItem?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<MediaItem>(new CommandDefinition(
            $"select {Columns} from media where id = @id", new { id }, cancellationToken: cancellationToken));
    }

    /// <summary>Those of <paramref name="ids"/> that exist, in no order.</summary>
    public async Task<IReadOnlyList<MediaItem>> FindManyAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<MediaItem>(new CommandDefinition(
            $"select {Columns} from media where {database.Dialect.InList("id", "ids")}", new { ids = ids.ToArray() }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>
    /// By file name, synchronously: the Markdown renderer asks while it
    /// renders (at save time, never per request), and Markdig has no async step.
    /// </summary>
    public MediaItem? FindByName(string name)
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<MediaItem>($"select {Columns} from media where name = @name", new { name });
    }

    /// <summary>The image whose file names start with <paramref name="stem"/> (its original's name without the extension), if any.</summary>
    public async Task<MediaItem?> FindByStemAsync(string stem, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<MediaItem>(new CommandDefinition(
            $"select {Columns} from media where name in (@jpg, @png, @webp, @gif)",
            new { jpg = Named(ImageType.Jpeg), png = Named(ImageType.Png), webp = Named(ImageType.WebP), gif = Named(ImageType.Gif) }, cancellationToken: cancellationToken));

        string Named(ImageType type) => stem + "." + type.Extension;
    }

    /// <summary>Newest first; <paramref name="search"/> matches the file name or alt text, ignoring case.</summary>
    public async Task<MediaPage> ListAsync(string? search, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var pattern = string.IsNullOrWhiteSpace(search) ? null : "%" + Escape(search.Trim().ToLowerInvariant()) + "%";
        var filter = pattern is null ? "" : @"where lower(original_name) like @pattern escape '\' or lower(alt_text) like @pattern escape '\'";
        var parameters = new { pattern, limit = pageSize, offset = (long)(page - 1) * pageSize };
        await using var connection = await database.OpenAsync(cancellationToken);
        var items = await connection.QueryAsync<MediaItem>(new CommandDefinition(
            $"select {Columns} from media {filter} order by uploaded_at desc, id desc limit @limit offset @offset", parameters, cancellationToken: cancellationToken));
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"select count(*) from media {filter}", parameters, cancellationToken: cancellationToken));
        return new MediaPage([.. items], page, pageSize, total);
    }

    public async Task<MediaItem?> LockAsync(UnitOfWork work, long id, CancellationToken cancellationToken = default) =>
        await work.Connection.QuerySingleOrDefaultAsync<MediaItem>(work.Command(
            $"select {Columns} from media where id = @id" + (work.Dialect == SqlDialect.Postgres ? " for update" : ""), new { id }, cancellationToken));

    public async Task UpdateMetadataAsync(UnitOfWork work, long id, MediaMetadata metadata, CancellationToken cancellationToken = default) =>
        await work.Connection.ExecuteAsync(work.Command(
            """
            update media set alt_text = @AltText, caption = @Caption, credit = @Credit, usage_rights = @UsageRights, focal_x = @FocalX, focal_y = @FocalY
            where id = @id
            """,
            new { id, metadata.AltText, metadata.Caption, metadata.Credit, metadata.UsageRights, metadata.FocalX, metadata.FocalY }, cancellationToken));

    public async Task DeleteAsync(UnitOfWork work, long id, CancellationToken cancellationToken = default) =>
        await work.Connection.ExecuteAsync(work.Command("delete from media where id = @id", new { id }, cancellationToken));

    private static string Escape(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
}
