using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Gazette.Storage;

/// <summary>
/// SQLite in WAL mode. Every connection handed out runs with synchronous=FULL so
/// that a write acknowledged to a reader is on disk (WAL alone with NORMAL may
/// lose the last commits on power loss), with foreign keys enforced and a busy
/// timeout instead of immediate "database is locked" errors.
/// </summary>
public sealed class SqliteDatabase : Database
{
    private const string ConnectionPragmas = "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;";

    private readonly string _connectionString;

    public SqliteDatabase(SqliteUrl url)
    {
        Url = url;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = url.Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public override SqlDialect Dialect => SqlDialect.Sqlite;

    public override SqliteUrl Url { get; }

    public string ConnectionString => _connectionString;

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await connection.ExecuteAsync(ConnectionPragmas);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public override DbConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            connection.Execute(ConnectionPragmas);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>WAL is a property of the file, so it is set once rather than per connection.</summary>
    public async Task EnableWriteAheadLogAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode=WAL;");
    }

    public override ValueTask DisposeAsync()
    {
        // Pooled handles keep the file open; release them so the file can be moved or deleted.
        SqliteConnection.ClearAllPools();
        return base.DisposeAsync();
    }
}
