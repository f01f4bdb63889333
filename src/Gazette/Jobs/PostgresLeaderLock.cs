using Dapper;
using Gazette.Storage;

namespace Gazette.Jobs;

/// <summary>
/// Leadership is a PostgreSQL advisory lock held on a dedicated connection. The
/// leader keeps it until it stops or its connection dies (then the server frees
/// the lock and another node takes over at its next tick).
/// </summary>
public sealed class PostgresLeaderLock(PostgresDatabase database, ILogger<PostgresLeaderLock> logger) : ILeaderLock
{
    public const string LockName = "jobs:leader";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private PostgresAdvisoryLock? _lease;

    public async Task<bool> IsLeaderAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_lease is not null && !await _lease.IsAliveAsync(cancellationToken))
            {
                logger.LogWarning("Lost the connection that held job leadership; trying to take it again");
                await ReleaseAsync();
            }
            if (_lease is null)
            {
                _lease = await PostgresAdvisoryLock.TryAcquireAsync(database, LockName, cancellationToken);
                if (_lease is not null)
                {
                    logger.LogInformation("This node now runs the periodic jobs");
                }
            }
            return _lease is not null;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ReleaseAsync();
        _gate.Dispose();
    }

    private async Task ReleaseAsync()
    {
        var lease = _lease;
        _lease = null;
        if (lease is not null)
        {
            try
            {
                await lease.DisposeAsync();
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or IOException or InvalidOperationException)
            {
                logger.LogDebug(ex, "Releasing job leadership failed; the server frees it with the connection");
            }
        }
    }
}
