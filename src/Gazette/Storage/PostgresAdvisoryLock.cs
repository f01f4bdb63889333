using System.Buffers.Binary;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Dapper;

namespace Gazette.Storage;

/// <summary>
/// A PostgreSQL session-level advisory lock, held for as long as the lease (and
/// its dedicated connection) lives. If the node dies, the server drops the
/// connection and the lock with it, so a crashed leader never blocks the cluster.
/// </summary>
public sealed class PostgresAdvisoryLock : IAsyncDisposable
{
    private readonly DbConnection _connection;
    private readonly long _key;

    private PostgresAdvisoryLock(DbConnection connection, long key)
    {
        _connection = connection;
        _key = key;
    }

    public static long KeyFor(string name) =>
        BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes("gazette:" + name)));

    /// <summary>Waits until the lock is free.</summary>
    public static async Task<PostgresAdvisoryLock> AcquireAsync(PostgresDatabase database, string name, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken);
        var key = KeyFor(name);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition("select pg_advisory_lock(@key)", new { key }, cancellationToken: cancellationToken));
            return new PostgresAdvisoryLock(connection, key);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Returns null at once when another session holds the lock.</summary>
    public static async Task<PostgresAdvisoryLock?> TryAcquireAsync(PostgresDatabase database, string name, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken);
        var key = KeyFor(name);
        try
        {
            var acquired = await connection.ExecuteScalarAsync<bool>(
                new CommandDefinition("select pg_try_advisory_lock(@key)", new { key }, cancellationToken: cancellationToken));
            if (acquired)
            {
                return new PostgresAdvisoryLock(connection, key);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        await connection.DisposeAsync();
        return null;
    }

    /// <summary>False when the connection holding the lock has gone, and the lock with it.</summary>
    public async Task<bool> IsAliveAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _connection.ExecuteScalarAsync<int>(new CommandDefinition("select 1", cancellationToken: cancellationToken)) == 1;
        }
        catch (Exception ex) when (ex is DbException or IOException or InvalidOperationException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _connection.ExecuteAsync("select pg_advisory_unlock(@key)", new { key = _key });
        }
        finally
        {
            await _connection.DisposeAsync();
        }
    }
}
