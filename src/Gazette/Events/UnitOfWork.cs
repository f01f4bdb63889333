using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Gazette.Storage;

namespace Gazette.Events;

/// <summary>
/// One change and everything it causes, or nothing: the change's writes, its
/// events in the log and what the in-transaction handlers do all commit
/// together. After the commit, this node's handlers hear of the events at once;
/// other nodes read them from the log, told to look at once by the
/// <see cref="ILogAnnouncer"/>. Several units can share one
/// transaction (a batched import): <see cref="StepAsync"/> runs each in a
/// savepoint, so one that fails is undone alone.
/// </summary>
public sealed class UnitOfWork : IAsyncDisposable
{
    /// <summary>Who wrote an event, for whoever reads the log while debugging.</summary>
    private static readonly string Origin = $"{Environment.MachineName}:{Environment.ProcessId}";

    private readonly EventTypes _types;
    private readonly EventDispatcher _dispatcher;
    private readonly TimeProvider _time;
    private readonly ILogAnnouncer _announcer;
    private readonly List<object> _raised = [];
    private readonly IDisposable? _writeTurn;
    private int _steps;
    private EventPosition? _last;

    internal UnitOfWork(DbConnection connection, DbTransaction transaction, IDisposable? writeTurn, SqlDialect dialect, EventTypes types, EventDispatcher dispatcher, TimeProvider time, ILogAnnouncer announcer)
    {
        _announcer = announcer;
        _writeTurn = writeTurn;
        Connection = connection;
        Transaction = transaction;
        Dialect = dialect;
        _types = types;
        _dispatcher = dispatcher;
        _time = time;
    }

    public DbConnection Connection { get; }

    public DbTransaction Transaction { get; }

    public SqlDialect Dialect { get; }

    /// <summary>A command in this unit's transaction.</summary>
    public CommandDefinition Command(string sql, object? parameters = null, CancellationToken cancellationToken = default) =>
        new(sql, parameters, Transaction, cancellationToken: cancellationToken);

    /// <summary>Writes the event to the log in this transaction, then runs its in-transaction handlers.</summary>
    public async Task RaiseAsync<TEvent>(TEvent change, CancellationToken cancellationToken = default)
        where TEvent : class
    {
        var position = await Connection.QuerySingleAsync<(long Tx, long Id)>(Command(
            "insert into events (type, payload, origin, created_at) values (@type, @payload, @Origin, @now) returning tx, id",
            new { type = _types.NameOf(typeof(TEvent)), payload = JsonSerializer.Serialize(change, EventTypes.Json), Origin, now = _time.GetUtcNow() },
            cancellationToken));
        _last = new EventPosition(position.Tx, position.Id);
        _raised.Add(change);
        await _dispatcher.InTransactionAsync(change, this, cancellationToken);
    }

    /// <summary>
    /// Writes several events of one type to the log in one statement (a batch of
    /// comments), in order, then runs each one's in-transaction handlers.
    /// </summary>
    public async Task RaiseAllAsync<TEvent>(IReadOnlyList<TEvent> changes, CancellationToken cancellationToken = default)
        where TEvent : class
    {
        var type = _types.NameOf(typeof(TEvent));
        var now = _time.GetUtcNow();
        foreach (var chunk in changes.Chunk(SqlRows.MaxPerStatement))
        {
            var parameters = new SqlRows();
            var values = parameters.Values(chunk,
                new SqlColumn<TEvent>(_ => type),
                new SqlColumn<TEvent>(change => JsonSerializer.Serialize(change, EventTypes.Json)),
                new SqlColumn<TEvent>(_ => Origin),
                new SqlColumn<TEvent>(_ => now));
            var positions = await Connection.QueryAsync<(long Tx, long Id)>(Command(
                $"insert into events (type, payload, origin, created_at) {values} returning tx, id", parameters, cancellationToken));
            // One transaction's ids only grow, so the chunk's newest event is the unit's newest.
            var newest = positions.MaxBy(position => (position.Tx, position.Id));
            _last = new EventPosition(newest.Tx, newest.Id);
        }
        foreach (var change in changes)
        {
            _raised.Add(change);
            await _dispatcher.InTransactionAsync(change, this, cancellationToken);
        }
    }

    /// <summary>
    /// Writes a line of the audit trail in this transaction: it commits with the
    /// change or not at all. The detail names no reader's personal data.
    /// </summary>
    public async Task AuditAsync(AuditActor actor, string action, string subjectKind, string subjectId, string detail = "", CancellationToken cancellationToken = default) =>
        await Connection.ExecuteAsync(Command(
            """
            insert into audit (user_id, user_name, action, subject_kind, subject_id, detail, at)
            values (@UserId, @Name, @action, @subjectKind, @subjectId, @detail, @now)
            """,
            new { actor.UserId, actor.Name, action, subjectKind, subjectId, detail, now = _time.GetUtcNow() },
            cancellationToken));

    /// <summary>
    /// Runs one unit of a batch in a savepoint: if it throws, its writes and
    /// events are undone, the exception goes to the caller, and the batch can go on.
    /// </summary>
    public async Task StepAsync(Func<Task> step, CancellationToken cancellationToken = default) =>
        await StepAsync(async () =>
        {
            await step();
            return true;
        }, _ => true, cancellationToken);

    /// <summary>
    /// Runs one unit of a batch in a savepoint and keeps it only when
    /// <paramref name="keep"/> says so of its result: a refusal (a duplicate, a
    /// flood) is undone alone, as a unit that throws is.
    /// </summary>
    public async Task<T> StepAsync<T>(Func<Task<T>> step, Func<T, bool> keep, CancellationToken cancellationToken = default)
    {
        var savepoint = string.Create(CultureInfo.InvariantCulture, $"step{++_steps}");
        var raised = _raised.Count;
        var last = _last;
        await Transaction.SaveAsync(savepoint, cancellationToken);
        T result;
        try
        {
            result = await step();
        }
        catch
        {
            await UndoAsync(savepoint, raised, last);
            throw;
        }
        if (keep(result))
        {
            await Transaction.ReleaseAsync(savepoint, cancellationToken);
        }
        else
        {
            await UndoAsync(savepoint, raised, last);
        }
        return result;
    }

    private async Task UndoAsync(string savepoint, int raised, EventPosition? last)
    {
        await Transaction.RollbackAsync(savepoint, CancellationToken.None);
        _raised.RemoveRange(raised, _raised.Count - raised);
        _last = last;
    }

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        await Transaction.CommitAsync(cancellationToken);
        _writeTurn?.Dispose();
        if (_last is { } last)
        {
            _announcer.Announce(last);
        }
        foreach (var change in _raised)
        {
            await _dispatcher.OnNodeAsync(change, CancellationToken.None);
        }
    }

    /// <summary>Rolls back what was not committed.</summary>
    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
        _writeTurn?.Dispose();
    }
}

/// <summary>Begins units of work on the configured database.</summary>
public sealed class UnitsOfWork(Database database, EventTypes types, EventDispatcher dispatcher, TimeProvider time, ILogAnnouncer announcer)
{
    public async Task<UnitOfWork> BeginAsync(CancellationToken cancellationToken = default)
    {
        var writeTurn = await database.WaitForWriteTurnAsync(cancellationToken);
        DbConnection? connection = null;
        try
        {
            connection = await database.OpenAsync(cancellationToken);
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            return new UnitOfWork(connection, transaction, writeTurn, database.Dialect, types, dispatcher, time, announcer);
        }
        catch
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
            writeTurn?.Dispose();
            throw;
        }
    }
}
