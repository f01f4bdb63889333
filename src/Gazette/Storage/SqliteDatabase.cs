using System.Data.Common;
using System.Runtime.CompilerServices;
using Dapper;
using Microsoft.Data.Sqlite;
using SQLitePCL;

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

    /// <summary>How long a writer of this process waits behind the others before it fails (and the reader gets a 503).</summary>
    private static readonly TimeSpan WriteTurnTimeout = TimeSpan.FromSeconds(30);

    private readonly string _connectionString;
    private readonly ConditionalWeakTable<sqlite3, string> _configured = [];
    private readonly SemaphoreSlim _writeTurn = new(1, 1);
    private int _writers;

    public SqliteDatabase(SqliteUrl url)
    {
        Url = url;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = url.Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            // How long a command retries while another process holds the write lock
            // (on top of busy_timeout): then the write fails, and the reader gets a 503.
            DefaultTimeout = 5,
        }.ToString();
    }

    public override SqlDialect Dialect => SqlDialect.Sqlite;

    public override SqliteUrl Url { get; }

    public string ConnectionString => _connectionString;

    /// <summary>Writers of this process holding or waiting for the write turn: above 1, writes queue.</summary>
    public int Writers => Volatile.Read(ref _writers);

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (IsNew(connection))
            {
                await connection.ExecuteAsync(ConnectionPragmas);
                Configured(connection);
            }
            return Handed(connection);
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
            if (IsNew(connection))
            {
                connection.Execute(ConnectionPragmas);
                Configured(connection);
            }
            return Handed(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The pragmas belong to the native connection, which the pool keeps open
    /// between uses, so they are set once on it rather than on each open: three
    /// statements saved on each of the half-dozen opens a page makes.
    /// </summary>
    private bool IsNew(SqliteConnection connection) => !_configured.TryGetValue(connection.Handle!, out _);

    private void Configured(SqliteConnection connection) => _configured.AddOrUpdate(connection.Handle!, ConnectionPragmas);

    /// <summary>
    /// SQLite lets one transaction write at a time and makes the others poll with
    /// growing sleeps (busy_timeout), so under load most of a writer's time went to
    /// sleeping past the moment the lock was free. Writers of this process queue
    /// here instead and start the moment the previous one ends; other processes
    /// (the CLI beside a running site) still meet the busy timeout.
    /// </summary>
    public override async ValueTask<IDisposable?> WaitForWriteTurnAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _writers);
        try
        {
            if (!await _writeTurn.WaitAsync(WriteTurnTimeout, cancellationToken))
            {
                throw new TimeoutException("Waited " + WriteTurnTimeout + " for a turn to write to " + Url.Path + ": another write held it.");
            }
        }
        catch
        {
            Interlocked.Decrement(ref _writers);
            throw;
        }
        return new WriteTurn(this);
    }

    protected override void ReleaseBrokenConnections()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
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
        _writeTurn.Dispose();
        return base.DisposeAsync();
    }

    private sealed class WriteTurn(SqliteDatabase database) : IDisposable
    {
        private SqliteDatabase? _database = database;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _database, null) is { } database)
            {
                Interlocked.Decrement(ref database._writers);
                database._writeTurn.Release();
            }
        }
    }
}
