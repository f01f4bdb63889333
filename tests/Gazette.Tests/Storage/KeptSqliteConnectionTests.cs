using System.Data;
using Dapper;
using Gazette.Storage;
using Gazette.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Gazette.Tests.Storage;

/// <summary>
/// SQLite connections kept open between uses with their prepared statements
/// (decision 183): a statement is prepared once, yet each use binds its own
/// values, sees the latest commits, and inherits nothing a caller left open.
/// </summary>
public sealed class KeptSqliteConnectionTests(SqliteProvider provider) : IClassFixture<SqliteProvider>, IAsyncLifetime
{
    private const string Select = "select count(*) from kept_probe where v in @values";

    private Database _database = null!;

    public async Task InitializeAsync()
    {
        _database = Database.Create(DatabaseUrl.Parse(provider.Setting));
        await using var connection = await _database.OpenAsync();
        await connection.ExecuteAsync("create table if not exists kept_probe (id integer primary key, v text not null)");
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task AStatementStaysPreparedAndIdleBetweenUses()
    {
        const string sql = "select count(*) from kept_probe where v = @v";
        sqlite3 native;
        int prepared;
        await using (var connection = await _database.OpenAsync())
        {
            native = ((SqliteConnection)connection).Handle!;
            Assert.Equal(0, await connection.ExecuteScalarAsync<long>(sql, new { v = "none" }));
            await connection.ExecuteAsync("insert into kept_probe (v) values ('written')");
            prepared = StatementMemory(native);
        }
        await using (var again = await _database.OpenAsync())
        {
            Assert.Same(native, ((SqliteConnection)again).Handle);
            Assert.Equal(1, await again.ExecuteScalarAsync<long>(sql, new { v = "written" }));
            var reused = StatementMemory(native) - prepared;
            // A text not run before, for scale: preparing it takes what a statement takes.
            Assert.Equal(1, await again.ExecuteScalarAsync<long>(sql + " and id > @id", new { v = "written", id = 0 }));
            var fresh = StatementMemory(native) - prepared - reused;
            Assert.True(reused < fresh / 4, $"Running the statement again took {reused} bytes; a new one took {fresh}.");
        }
        // Idle statements are reset: one still stepped would hold a read snapshot, and the WAL could not be emptied.
        await using var other = await _database.OpenAsync();
        await using var second = await _database.OpenAsync();
        var (busy, _, _) = await second.QuerySingleAsync<(long Busy, long Log, long Checkpointed)>("pragma wal_checkpoint(truncate)");
        Assert.Equal(0, busy);
    }

    [Fact]
    public async Task EachUseBindsItsOwnValuesListsIncluded()
    {
        await using (var writer = await _database.OpenAsync())
        {
            await writer.ExecuteAsync("delete from kept_probe; insert into kept_probe (v) values ('a'), ('b'), ('c')");
        }
        foreach (var (values, expected) in new[] { (new[] { "a" }, 1L), (["a", "b", "c"], 3L), (["b", "z"], 1L), (["a"], 1L) })
        {
            await using var connection = await _database.OpenAsync();
            Assert.Equal(expected, await connection.ExecuteScalarAsync<long>(Select, new { values }));
        }
    }

    [Fact]
    public async Task AKeptConnectionSeesWhatOthersCommitted()
    {
        await using (var writer = await _database.OpenAsync())
        {
            await writer.ExecuteAsync("delete from kept_probe");
        }
        await using (var reader = await _database.OpenAsync())
        {
            Assert.Equal(0, await reader.ExecuteScalarAsync<long>("select count(*) from kept_probe"));
            // A second connection, while the first is in use, writes.
            await using var writer = await _database.OpenAsync();
            await writer.ExecuteAsync("insert into kept_probe (v) values ('new')");
        }
        await using var later = await _database.OpenAsync();
        Assert.Equal(1, await later.ExecuteScalarAsync<long>("select count(*) from kept_probe"));
    }

    [Fact]
    public async Task ATransactionLeftOpenIsRolledBackWhenTheCallerCloses()
    {
        await using (var connection = await _database.OpenAsync())
        {
            await connection.ExecuteAsync("delete from kept_probe");
            var transaction = await connection.BeginTransactionAsync();
            await connection.ExecuteAsync("insert into kept_probe (v) values ('uncommitted')", transaction: transaction);
        }
        await using var next = await _database.OpenAsync();
        Assert.Equal(0, await next.ExecuteScalarAsync<long>("select count(*) from kept_probe"));
        await using var transactionOfItsOwn = await next.BeginTransactionAsync();
        await next.ExecuteAsync("insert into kept_probe (v) values ('committed')", transaction: transactionOfItsOwn);
        await transactionOfItsOwn.CommitAsync();
        Assert.Equal(1, await next.ExecuteScalarAsync<long>("select count(*) from kept_probe"));
    }

    [Fact]
    public async Task AConnectionClosedTwiceIsKeptOnce()
    {
        var connection = await _database.OpenAsync();
        connection.Close();
        await connection.DisposeAsync();
        await using var first = await _database.OpenAsync();
        await using var second = await _database.OpenAsync();
        Assert.NotSame(first, second);
    }

    /// <summary>A kept statement, and one too long to keep (prepared for that use alone).</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(5000)]
    public async Task AConnectionClosedUnderAnOpenReaderIsNotKept(int padding)
    {
        var connection = await _database.OpenAsync();
        var reader = await connection.ExecuteReaderAsync("select id from kept_probe" + new string(' ', padding));
        await connection.DisposeAsync();
        // Its statement may hold a read snapshot: the connection is closed rather than kept.
        Assert.Equal(ConnectionState.Closed, connection.State);
        await reader.DisposeAsync();
        await using var next = await _database.OpenAsync();
        Assert.NotSame(connection, next);
        Assert.Equal(0, await next.ExecuteScalarAsync<long>("select count(*) from kept_probe where 0"));
    }

    [Fact]
    public async Task ClosingTheConnectionsLetsNoHandleOutlive()
    {
        var sqlite = (SqliteDatabase)_database;
        var idle = await _database.OpenAsync();
        var inUse = await _database.OpenAsync();
        await idle.DisposeAsync();
        Assert.Equal(ConnectionState.Open, idle.State);
        sqlite.CloseConnections();
        Assert.Equal(ConnectionState.Closed, idle.State);
        // The one in use when the pool was released is closed as it comes back.
        await inUse.DisposeAsync();
        Assert.Equal(ConnectionState.Closed, inUse.State);
        await using var after = await _database.OpenAsync();
        Assert.NotSame(idle, after);
        Assert.NotSame(inUse, after);
        Assert.Equal(0, await after.ExecuteScalarAsync<long>("select count(*) from kept_probe where 0"));
    }

    /// <summary>The heap SQLite holds for the connection's prepared statements.</summary>
    private static int StatementMemory(sqlite3 native)
    {
        Assert.Equal(raw.SQLITE_OK, raw.sqlite3_db_status(native, raw.SQLITE_DBSTATUS_STMT_USED, out var current, out _, 0));
        return current;
    }
}
