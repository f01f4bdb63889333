using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Gazette.Storage;

/// <summary>
/// A SQLite connection that stays open between uses and keeps the statements it
/// has prepared (decision 183). Microsoft.Data.Sqlite finalizes every statement
/// when its command is disposed and every command when the connection closes, so
/// SQLite parsed and planned each of a page's statements on every request. Here a
/// caller's close hands the connection back to <see cref="SqliteDatabase"/>, and a
/// command for a text this connection has run before reuses its prepared form.
/// </summary>
internal sealed class KeptSqliteConnection : SqliteConnection
{
    /// <summary>Distinct statements kept per connection; further texts are prepared for one use, as before.</summary>
    private const int MaxStatements = 200;

    /// <summary>
    /// Longer texts are not kept: a list expanded into one parameter an item
    /// (Dapper's <c>in @ids</c>, a request's own list of ids) makes a text per
    /// length, and a client could otherwise fill the connections with them.
    /// </summary>
    private const int MaxKeptText = 4096;

    private readonly Dictionary<string, KeptStatement> _statements = new(StringComparer.Ordinal);
    private readonly Action<KeptSqliteConnection> _return;
    private int _leased;
    private int _running;
    private bool _closing;

    internal KeptSqliteConnection(string connectionString, Action<KeptSqliteConnection> onClose)
        : base(connectionString)
    {
        _return = onClose;
    }

    /// <summary>The transaction begun on this connection and not yet committed or rolled back (for its commands, which cannot read the driver's own).</summary>
    internal SqliteTransaction? OpenTransaction => Transaction;

    /// <summary>The pool generation this connection was opened in: one from before a release is closed for good.</summary>
    internal int Generation { get; init; }

    /// <summary>Marks the connection as handed to a caller, whose first close gives it back.</summary>
    internal void Lease() => Volatile.Write(ref _leased, 1);

    /// <summary>
    /// Rolls back what the caller left open and hands the connection back, still
    /// open, with its statements; a second close by the same caller does nothing.
    /// A command or reader the caller left open means a statement may still hold
    /// a read snapshot: that connection is closed instead.
    /// </summary>
    public override void Close()
    {
        if (_closing || State != ConnectionState.Open)
        {
            base.Close();
            return;
        }
        if (Interlocked.Exchange(ref _leased, 0) == 0)
        {
            return;
        }
        try
        {
            Transaction?.Dispose();
        }
        catch
        {
            CloseForGood();
            throw;
        }
        if (_running > 0)
        {
            CloseForGood();
            return;
        }
        _return(this);
    }

    /// <summary>Closes the connection itself: its statements are finalized and the native connection goes back to the driver's pool.</summary>
    internal void CloseForGood()
    {
        _closing = true;
        _statements.Clear();
        base.Close();
    }

    protected override DbCommand CreateDbCommand() => new StatementLease(this);

    /// <summary>A command of this connection took a statement to run (kept or not), until <see cref="Done"/>.</summary>
    internal void Running() => _running++;

    internal void Done() => _running--;

    /// <summary>The kept command for <paramref name="sql"/> when it is free, else null (a new one serves this use alone).</summary>
    internal SqliteCommand? Take(string sql)
    {
        if (_statements.TryGetValue(sql, out var kept))
        {
            if (kept.InUse)
            {
                return null;
            }
            kept.InUse = true;
            return kept.Command;
        }
        if (_statements.Count >= MaxStatements || sql.Length > MaxKeptText)
        {
            return null;
        }
        var command = base.CreateCommand();
        command.CommandText = sql;
        _statements[sql] = new KeptStatement(command) { InUse = true };
        return command;
    }

    internal void Give(SqliteCommand command)
    {
        command.Parameters.Clear();
        command.Transaction = null;
        if (_statements.TryGetValue(command.CommandText, out var kept))
        {
            kept.InUse = false;
        }
    }

    private sealed class KeptStatement(SqliteCommand command)
    {
        public SqliteCommand Command { get; } = command;

        public bool InUse { get; set; }
    }
}
