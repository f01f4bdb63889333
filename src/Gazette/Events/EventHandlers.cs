namespace Gazette.Events;

/// <summary>
/// Runs inside the transaction that raised the event, on its connection: what
/// must be true the moment the change commits (counters, revisions, audit
/// rows). A failure rolls the whole change back.
/// </summary>
public interface ITransactionSubscriber<in TEvent>
    where TEvent : class
{
    Task HandleAsync(TEvent change, UnitOfWork work, CancellationToken cancellationToken);
}

/// <summary>
/// Runs on every node, for events from the moment the node started: at once in
/// the process that committed them, and within half a second in every other
/// process on the database (cache eviction, settings reload). May see an event
/// twice, so it must be idempotent.
/// </summary>
public interface INodeSubscriber<in TEvent>
    where TEvent : class
{
    Task HandleAsync(TEvent change, CancellationToken cancellationToken);
}

/// <summary>
/// Runs once per cluster, on the leader, with a stored cursor: every event at
/// least once, in log order (search, related articles, CDN purges, webhooks,
/// emails). Handling an event again must change nothing (key work by the event id).
/// </summary>
public interface IClusterEventSubscriber
{
    /// <summary>The cursor's name; renaming it starts the subscriber afresh.</summary>
    string Name { get; }

    Task HandleAsync(EventEnvelope envelope, CancellationToken cancellationToken);

    /// <summary>
    /// Called once the subscriber's cursor has been made at the end of the log
    /// (its first start, or the first after a restore forgot the log, decision
    /// 61): what it keeps is to be built again from current data.
    /// </summary>
    Task StartAfreshAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
