using Dapper;
using Gazette.Events;

namespace Gazette.Import;

/// <summary>
/// The <c>import_map</c> table: what each thing of the old site became. An
/// import looks here before adding anything, so the same file twice adds
/// nothing the second time, and a run stopped halfway finishes where it stopped.
/// </summary>
public static class ImportMap
{
    public const string User = "user";
    public const string Post = "post";
    public const string Page = "page";
    public const string Comment = "comment";
    public const string Category = "category";
    public const string Tag = "tag";
    public const string Attachment = "attachment";

    /// <summary>A category by WordPress's term id (its plain link is <c>/?cat=ID</c>); the target key is the section's slug.</summary>
    public const string CategoryId = "category-id";

    /// <summary>An author by WordPress's user id (<c>/?author=ID</c>), when the import could not keep the id.</summary>
    public const string UserId = "user-id";

    public static async Task<long?> FindAsync(UnitOfWork work, string kind, string sourceId, CancellationToken cancellationToken) =>
        await work.Connection.ExecuteScalarAsync<long?>(work.Command(
            "select target_id from import_map where kind = @kind and source_id = @sourceId", new { kind, sourceId }, cancellationToken));

    public static async Task<bool> HasAsync(UnitOfWork work, string kind, string sourceId, CancellationToken cancellationToken) =>
        await work.Connection.ExecuteScalarAsync<bool>(work.Command(
            "select exists (select 1 from import_map where kind = @kind and source_id = @sourceId)", new { kind, sourceId }, cancellationToken));

    public static async Task RecordAsync(UnitOfWork work, string kind, string sourceId, long? targetId, string targetKey, DateTimeOffset now, CancellationToken cancellationToken) =>
        await work.Connection.ExecuteAsync(work.Command(
            """
            insert into import_map (kind, source_id, target_id, target_key, imported_at) values (@kind, @sourceId, @targetId, @targetKey, @now)
            on conflict (kind, source_id) do update set target_id = excluded.target_id, target_key = excluded.target_key
            """,
            new { kind, sourceId, targetId, targetKey, now }, cancellationToken));
}
