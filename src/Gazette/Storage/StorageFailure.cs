using Microsoft.Data.Sqlite;
using Npgsql;

namespace Gazette.Storage;

/// <summary>
/// Tells the failures of the storage itself (a full disk, a read-only file
/// system, a database server that is down or refusing writes, a lock held too
/// long) from mistakes in Gazette's own SQL. The first kind passes: readers get
/// a 503 with Retry-After and are asked to try again; the second is a bug.
/// </summary>
public static class StorageFailure
{
    /// <summary>How long a reader is asked to wait before trying a write again.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(60);

    public static bool Is(Exception exception) => exception switch
    {
        SqliteException sqlite => IsSqliteStorageError(sqlite.SqliteErrorCode),
        PostgresException postgres => IsPostgresStorageState(postgres.SqlState),
        // No server answer at all: refused, reset, timed out, or the pool exhausted.
        NpgsqlException => true,
        TimeoutException => true,
        // The framework's own IOExceptions (a client's bad or cut request) are not ours.
        Microsoft.AspNetCore.Http.BadHttpRequestException => false,
        Microsoft.AspNetCore.Connections.ConnectionResetException => false,
        IOException or UnauthorizedAccessException => true,
        _ => exception.InnerException is { } inner && Is(inner),
    };

    /// <summary>
    /// True when the connections that saw this should not be reused: SQLite's file
    /// refused to be written (a read-only remount), or PostgreSQL's session is gone
    /// (the server ended it, or the network did).
    /// </summary>
    public static bool IsReadOnlyOrBroken(Exception exception) => exception switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode is SqliteReadOnly or SqliteIoError or SqliteCantOpen,
        PostgresException postgres => postgres.SqlState.StartsWith("08", StringComparison.Ordinal) || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal),
        NpgsqlException => true,
        _ => exception.InnerException is { } inner && IsReadOnlyOrBroken(inner),
    };

    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteNoMemory = 7;
    private const int SqliteReadOnly = 8;
    private const int SqliteIoError = 10;
    private const int SqliteCorrupt = 11;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;
    private const int SqliteProtocol = 15;
    private const int SqliteNotADatabase = 26;

    private static bool IsSqliteStorageError(int code) =>
        code is SqliteBusy or SqliteLocked or SqliteNoMemory or SqliteReadOnly or SqliteIoError or SqliteCorrupt
            or SqliteFull or SqliteCantOpen or SqliteProtocol or SqliteNotADatabase;

    /// <summary>
    /// Connection exceptions (08), insufficient resources such as a full disk (53),
    /// the server shutting down or refusing connections (57), system errors (58),
    /// and a read-only transaction on a standby or a read-only database (25006).
    /// </summary>
    private static bool IsPostgresStorageState(string state) =>
        state.StartsWith("08", StringComparison.Ordinal)
        || state.StartsWith("53", StringComparison.Ordinal)
        || state.StartsWith("57", StringComparison.Ordinal)
        || state.StartsWith("58", StringComparison.Ordinal)
        || state == PostgresErrorCodes.ReadOnlySqlTransaction;
}
