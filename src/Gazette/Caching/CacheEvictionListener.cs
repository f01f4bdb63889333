using Dapper;
using Gazette.Storage;

namespace Gazette.Caching;

/// <summary>
/// Every half second, evicts what other processes evicted (rows of
/// <c>cache_evictions</c> it has not seen). Runs on every node, not only the
/// leader; rows older than an hour are pruned as it goes.
/// </summary>
public sealed class CacheEvictionListener(Database database, PageCache cache, TimeProvider time, ILogger<CacheEvictionListener> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan KeepFor = TimeSpan.FromHours(1);

    private long _seen = -1;

    private sealed record Eviction(long Id, string Tag, string Origin);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            for (var polls = 0; ; polls++)
            {
                try
                {
                    await PollAsync(prune: polls % 120 == 0, stoppingToken);
                }
                catch (Exception ex) when (ex is System.Data.Common.DbException or IOException or TimeoutException)
                {
                    logger.LogWarning(ex, "Could not read cache evictions; cached pages may be stale until the next try");
                }
                // A fresh delay each time rather than a periodic timer: when a test moves
                // the clock a month ahead, this wakes once, not five million times.
                await Task.Delay(Interval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task PollAsync(bool prune, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (_seen < 0)
        {
            _seen = await connection.ExecuteScalarAsync<long?>("select max(id) from cache_evictions") ?? 0;
            return;
        }
        var rows = (await connection.QueryAsync<Eviction>(new CommandDefinition(
            "select id, tag, origin from cache_evictions where id > @seen order by id", new { seen = _seen }, cancellationToken: cancellationToken))).AsList();
        if (rows.Count > 0)
        {
            _seen = rows[^1].Id;
            await cache.EvictHereAsync(rows.Where(row => row.Origin != cache.Origin).Select(row => row.Tag).Distinct(StringComparer.Ordinal), cancellationToken);
        }
        if (prune)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "delete from cache_evictions where created_at < @cutoff", new { cutoff = time.GetUtcNow() - KeepFor }, cancellationToken: cancellationToken));
        }
    }
}
