using Dapper;
using Gazette.Storage;

namespace Gazette.Caching;

/// <summary>
/// Every half second, evicts the tags of <c>cache_evictions</c> rows it has not
/// seen. Runs on every node, not only the leader; rows older than an hour are
/// pruned as it goes. Its own process's rows are evicted again too: a page that
/// was being rendered from the old data while the first eviction ran would
/// otherwise stay cached for its whole lifetime.
/// </summary>
public sealed class CacheEvictionListener(Database database, PageCache cache, TimeProvider time, ILogger<CacheEvictionListener> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan KeepFor = TimeSpan.FromHours(1);

    /// <summary>
    /// Identity values can commit out of order (PostgreSQL), so each poll looks this
    /// many ids back and skips the ones it has handled.
    /// </summary>
    private const long Lookback = 500;

    private readonly HashSet<long> _handled = [];
    private long _seen = -1;

    private sealed record Eviction(long Id, string Tag);

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
        var low = Math.Max(0, _seen - Lookback);
        var rows = (await connection.QueryAsync<Eviction>(new CommandDefinition(
            "select id, tag from cache_evictions where id > @low order by id", new { low }, cancellationToken: cancellationToken)))
            .Where(row => !_handled.Contains(row.Id))
            .ToList();
        if (rows.Count > 0)
        {
            await cache.EvictHereAsync(rows.Select(row => row.Tag).Distinct(StringComparer.Ordinal), cancellationToken);
            _handled.UnionWith(rows.Select(row => row.Id));
            _seen = Math.Max(_seen, rows[^1].Id);
            _handled.RemoveWhere(id => id <= _seen - Lookback);
        }
        if (prune)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "delete from cache_evictions where created_at < @cutoff", new { cutoff = time.GetUtcNow() - KeepFor }, cancellationToken: cancellationToken));
        }
    }
}
