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

    /// <summary>
    /// Idle connections kept open with their statements; more than this many idle
    /// at once are closed. A page's slots read on connections of their own at the
    /// same time, so eight requests at once hold a dozen or more: with four kept,
    /// misses ran 13-21% slower than with sixteen (decision 183).
    /// </summary>
    private const int MaxIdle = 16;

    private readonly string _connectionString;
    private readonly ConditionalWeakTable<sqlite3, string> _configured = [];
    private readonly Stack<KeptSqliteConnection> _idle = new();
    private int _generation;
    private bool _disposed;
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

    public override Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Open());
    }

    /// <summary>An idle kept connection when there is one (its statements prepared), else a new one.</summary>
    public override DbConnection Open()
    {
        var connection = TakeIdle() ?? OpenNew();
        connection.Lease();
        return Handed(connection);
    }

    private KeptSqliteConnection? TakeIdle()
    {
        lock (_idle)
        {
            return _idle.TryPop(out var connection) ? connection : null;
        }
    }

    private KeptSqliteConnection OpenNew()
    {
        var connection = new KeptSqliteConnection(_connectionString, Return) { Generation = Volatile.Read(ref _generation) };
        try
        {
            connection.Open();
            if (IsNew(connection))
            {
                connection.Execute(ConnectionPragmas);
                Configured(connection);
            }
            return connection;
        }
        catch
        {
            connection.CloseForGood();
            throw;
        }
    }

    /// <summary>A caller closed <paramref name="connection"/>: kept for the next, unless enough are idle or the pool was released since it opened.</summary>
    private void Return(KeptSqliteConnection connection)
    {
        lock (_idle)
        {
            if (!_disposed && connection.Generation == _generation && _idle.Count < MaxIdle)
            {
                _idle.Push(connection);
                return;
            }
        }
        connection.CloseForGood();
    }

    /// <summary>
    /// Closes the idle kept connections, and those in use as they come back, so
    /// that no handle of this process still has the file open: before the file
    /// is replaced (a restore) or after a failure that can leave handles broken.
    /// </summary>
    public void CloseConnections()
    {
        List<KeptSqliteConnection> idle;
        lock (_idle)
        {
            _generation++;
            idle = [.. _idle];
            _idle.Clear();
        }
        try
        {
            foreach (var connection in idle)
            {
                try
                {
                    connection.CloseForGood();
                }
                catch (SqliteException)
                {
                    // Its native handle is released by the pool's clearing below or by its finalizer.
                }
            }
        }
        finally
        {
            using var any = new SqliteConnection(_connectionString);
            SqliteConnection.ClearPool(any);
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

    protected override void ReleaseBrokenConnections() => CloseConnections();

    /// <summary>WAL is a property of the file, so it is set once rather than per connection.</summary>
    public async Task EnableWriteAheadLogAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode=WAL;");
    }

    public override ValueTask DisposeAsync()
    {
        // Pooled handles keep the file open; release them so the file can be moved or deleted.
        lock (_idle)
        {
            _disposed = true;
        }
        CloseConnections();
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
