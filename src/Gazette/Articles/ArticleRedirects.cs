using Dapper;
using Gazette.Events;
using Gazette.Storage;

namespace Gazette.Articles;

/// <summary>A stored redirect: where an old path now lives, and with which status (301 for moved articles).</summary>
public sealed record Redirect
{
    public required string ToPath { get; init; }
    public int StatusCode { get; init; }
}

/// <summary>
/// The <c>redirects</c> table: old permalinks of published articles whose slug,
/// date or section changed (and, later, imported sites' URLs). The public site
/// answers from it when a path names no article.
/// </summary>
public sealed class ArticleRedirects(Database database)
{
    /// <summary>
    /// Sends <paramref name="fromPath"/> to <paramref name="toPath"/> from this
    /// transaction on. Older paths that led to <paramref name="fromPath"/> now
    /// lead straight to the new one (no chains), and a redirect away from the new
    /// path goes (an article lives there again).
    /// </summary>
    public static async Task RecordAsync(UnitOfWork work, string fromPath, string toPath, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await work.Connection.ExecuteAsync(work.Command(
            "update redirects set to_path = @toPath where to_path = @fromPath", new { fromPath, toPath }, cancellationToken));
        await work.Connection.ExecuteAsync(work.Command(
            "delete from redirects where from_path = @toPath", new { toPath }, cancellationToken));
        await work.Connection.ExecuteAsync(work.Command(
            """
            insert into redirects (from_path, to_path, status_code, created_at) values (@fromPath, @toPath, 301, @now)
            on conflict (from_path) do update set to_path = excluded.to_path, status_code = 301, created_at = excluded.created_at
            """,
            new { fromPath, toPath, now }, cancellationToken));
    }

    /// <summary>The redirect stored for exactly this path, if any.</summary>
    public async Task<Redirect?> FindAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Redirect>(new CommandDefinition(
            "select to_path, status_code from redirects where from_path = @path", new { path }, cancellationToken: cancellationToken));
    }
}
