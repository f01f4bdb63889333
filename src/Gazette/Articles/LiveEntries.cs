using System.Data.Common;
using Dapper;
using Gazette.Events;

namespace Gazette.Articles;

/// <summary>The live_blogs and live_entries tables: written in the live desk's unit of work, read by the article page, its live endpoint and the feeds.</summary>
public static class LiveEntries
{
    private const string Columns = "id, article_id, headline, body_markdown, body_html, key_event, posted_at, updated_at, author_id, author_name";

    public static Task<LiveBlog?> FindBlogAsync(DbConnection connection, DbTransaction? transaction, long articleId, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<LiveBlog>(new CommandDefinition(
            "select article_id, started_at, ended_at from live_blogs where article_id = @articleId",
            new { articleId }, transaction, cancellationToken: cancellationToken));

    /// <summary>Starts coverage, or resumes it after an end (its first start is kept).</summary>
    public static async Task StartAsync(UnitOfWork work, long articleId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var resumed = await work.Connection.ExecuteAsync(work.Command(
            "update live_blogs set ended_at = null where article_id = @articleId", new { articleId }, cancellationToken));
        if (resumed == 0)
        {
            await work.Connection.ExecuteAsync(work.Command(
                "insert into live_blogs (article_id, started_at) values (@articleId, @now)", new { articleId, now }, cancellationToken));
        }
    }

    public static Task EndAsync(UnitOfWork work, long articleId, DateTimeOffset now, CancellationToken cancellationToken) =>
        work.Connection.ExecuteAsync(work.Command(
            "update live_blogs set ended_at = @now where article_id = @articleId and ended_at is null", new { articleId, now }, cancellationToken));

    public static Task<long> InsertAsync(UnitOfWork work, LiveEntry entry, CancellationToken cancellationToken) =>
        work.Connection.ExecuteScalarAsync<long>(work.Command(
            """
            insert into live_entries (article_id, headline, body_markdown, body_html, key_event, posted_at, updated_at, author_id, author_name)
            values (@ArticleId, @Headline, @BodyMarkdown, @BodyHtml, @KeyEvent, @PostedAt, @UpdatedAt, @AuthorId, @AuthorName) returning id
            """,
            entry, cancellationToken));

    public static Task<int> UpdateAsync(UnitOfWork work, LiveEntry entry, CancellationToken cancellationToken) =>
        work.Connection.ExecuteAsync(work.Command(
            """
            update live_entries set headline = @Headline, body_markdown = @BodyMarkdown, body_html = @BodyHtml, key_event = @KeyEvent, updated_at = @UpdatedAt
            where id = @Id and article_id = @ArticleId
            """,
            entry, cancellationToken));

    public static Task<int> DeleteAsync(UnitOfWork work, long articleId, long entryId, CancellationToken cancellationToken) =>
        work.Connection.ExecuteAsync(work.Command(
            "delete from live_entries where id = @entryId and article_id = @articleId", new { articleId, entryId }, cancellationToken));

    public static Task<LiveEntry?> FindAsync(DbConnection connection, DbTransaction? transaction, long articleId, long entryId, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<LiveEntry>(new CommandDefinition(
            $"select {Columns} from live_entries where id = @entryId and article_id = @articleId",
            new { articleId, entryId }, transaction, cancellationToken: cancellationToken));

    /// <summary>Newest first, at most <paramref name="limit"/>, older than entry <paramref name="beforeId"/> when given (keyset on the posting time).</summary>
    public static async Task<IReadOnlyList<LiveEntry>> ListAsync(DbConnection connection, long articleId, long? beforeId, int limit, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<LiveEntry>(new CommandDefinition(
            $"""
            select {Columns} from live_entries e where e.article_id = @articleId
              and (@beforeId is null or (e.posted_at, e.id) < (select b.posted_at, b.id from live_entries b where b.id = @beforeId))
            order by e.posted_at desc, e.id desc limit @limit
            """,
            new { articleId, beforeId, limit }, cancellationToken: cancellationToken))).AsList();

    /// <summary>Each live blog's newest entry and when any of its entries last changed, for a batch (a feed, an API page): two rows per blog read, whatever its length.</summary>
    public static async Task<IReadOnlyDictionary<long, (LiveEntry Latest, DateTimeOffset Changed)>> LatestAsync(DbConnection connection, string inList, long[] ids, CancellationToken cancellationToken)
    {
        var latest = await connection.QueryAsync<LiveEntry>(new CommandDefinition(
            $"""
            select x.{Columns.Replace(", ", ", x.", StringComparison.Ordinal)} from live_entries x where {inList}
              and not exists (select 1 from live_entries y where y.article_id = x.article_id and (y.posted_at, y.id) > (x.posted_at, x.id))
            """,
            new { ids }, cancellationToken: cancellationToken));
        var changed = (await connection.QueryAsync<ChangedRow>(new CommandDefinition(
            $"select x.article_id, max(x.updated_at) as changed from live_entries x where {inList} group by x.article_id",
            new { ids }, cancellationToken: cancellationToken))).ToDictionary(row => row.ArticleId, row => row.Changed);
        return latest.ToDictionary(entry => entry.ArticleId, entry => (entry, changed.GetValueOrDefault(entry.ArticleId, entry.UpdatedAt)));
    }

    private sealed class ChangedRow
    {
        public long ArticleId { get; init; }
        public DateTimeOffset Changed { get; init; }
    }
}
