using System.Data.Common;
using Dapper;

namespace Gazette.Storage;

/// <summary>
/// Hands out open connections to the configured database. Stores take this,
/// write their SQL once, and let Dapper map the rows.
/// </summary>
public abstract class Database : IAsyncDisposable
{
    static Database()
    {
        UtcTimestampHandler.Register();
        DefaultTypeMap.MatchNamesWithUnderscores = true;
    }

    public abstract SqlDialect Dialect { get; }

    public abstract DatabaseUrl Url { get; }

    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default);

    /// <summary>For the few callers whose interface is synchronous (data-protection key storage).</summary>
    public abstract DbConnection Open();

    /// <summary>
    /// Raised with every connection handed out, before its caller uses it: the one
    /// place all of the site's SQL passes, where the query-plan test listens to
    /// every statement (decision 166).
    /// </summary>
    public event Action<DbConnection>? Opened;

    protected DbConnection Handed(DbConnection connection)
    {
        Opened?.Invoke(connection);
        return connection;
    }

    /// <summary>
    /// Waits for this process's turn to write, where the database takes one writer
    /// at a time; the turn ends when the returned handle is disposed.
    /// </summary>
    public virtual ValueTask<IDisposable?> WaitForWriteTurnAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IDisposable?>(null);

    /// <summary>
    /// Called with a storage failure: when it can leave pooled connections unusable
    /// (a read-only file system, a session the server ended), they are dropped, so
    /// the next ones open afresh and the site recovers by itself once the storage is back.
    /// </summary>
    public void Recover(Exception failure)
    {
        if (StorageFailure.IsReadOnlyOrBroken(failure))
        {
            ReleaseBrokenConnections();
        }
    }

    protected virtual void ReleaseBrokenConnections()
    {
    }

    public static Database Create(DatabaseUrl url) => url switch
    {
        SqliteUrl sqlite => new SqliteDatabase(sqlite),
        PostgresUrl postgres => new PostgresDatabase(postgres),
        _ => throw new ArgumentOutOfRangeException(nameof(url), url, "Unknown database kind."),
    };

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
