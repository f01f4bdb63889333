using Dapper;
using Gazette.Jobs;
using Gazette.Storage;

namespace Gazette.Events;

/// <summary>
/// Delivers the log to the once-per-cluster subscribers, on the leader only:
/// each from its stored cursor, in log order, the cursor moved on after each
/// batch is handled. A node that dies mid-batch leaves the cursor behind, so
/// the next leader delivers that batch again: at least once.
/// </summary>
public sealed class ClusterEventPump(Database database, EventLog log, IEnumerable<IClusterEventSubscriber> subscribers, TimeProvider time, ILogger<ClusterEventPump> logger) : IPeriodicJob
{
    private const int BatchSize = 500;

    public string Name => "events:deliver-to-cluster-subscribers";

    public TimeSpan Interval => TimeSpan.FromSeconds(1);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        foreach (var subscriber in subscribers)
        {
            var position = await CursorAsync(subscriber.Name, cancellationToken) ?? await StartCursorAsync(subscriber, cancellationToken);
            while (true)
            {
                var batch = await log.ReadAsync(position, BatchSize, cancellationToken);
                foreach (var envelope in batch.Where(envelope => envelope.Event is not EventLog.Unknown))
                {
                    await subscriber.HandleAsync(envelope, cancellationToken);
                }
                if (batch.Count == 0)
                {
                    break;
                }
                position = batch[^1].Position;
                await SaveCursorAsync(subscriber.Name, position, cancellationToken);
                logger.LogDebug("{Subscriber} handled {Count} events up to {Position}", subscriber.Name, batch.Count, position);
                if (batch.Count < BatchSize)
                {
                    break;
                }
            }
        }
    }

    /// <summary>
    /// A subscriber new to this database starts from now: what happened before it
    /// existed it builds from current data (a reindex), not by replaying the log.
    /// </summary>
    public async Task EnsureCursorsAsync(CancellationToken cancellationToken)
    {
        foreach (var subscriber in subscribers)
        {
            if (await CursorAsync(subscriber.Name, cancellationToken) is null)
            {
                await StartCursorAsync(subscriber, cancellationToken);
            }
        }
    }

    private async Task<EventPosition?> CursorAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(long Tx, long EventId)?>(new CommandDefinition(
            "select tx, event_id from event_cursors where name = @name", new { name }, cancellationToken: cancellationToken));
        return row is { } cursor ? new EventPosition(cursor.Tx, cursor.EventId) : null;
    }

    /// <summary>Makes the cursor at the end of the log; the node that made it (not one that lost the race) has the subscriber start afresh.</summary>
    private async Task<EventPosition> StartCursorAsync(IClusterEventSubscriber subscriber, CancellationToken cancellationToken)
    {
        var end = await log.EndAsync(cancellationToken);
        int made;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            made = await connection.ExecuteAsync(new CommandDefinition(
                "insert into event_cursors (name, tx, event_id, updated_at) values (@name, @Tx, @Id, @now) on conflict (name) do nothing",
                new { name = subscriber.Name, end.Tx, end.Id, now = time.GetUtcNow() }, cancellationToken: cancellationToken));
        }
        if (made == 1)
        {
            await subscriber.StartAfreshAsync(cancellationToken);
        }
        return await CursorAsync(subscriber.Name, cancellationToken) ?? end;
    }

    private async Task SaveCursorAsync(string name, EventPosition position, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "update event_cursors set tx = @Tx, event_id = @Id, updated_at = @now where name = @name",
            new { name, position.Tx, position.Id, now = time.GetUtcNow() }, cancellationToken: cancellationToken));
    }
}
