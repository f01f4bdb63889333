using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace Gazette.Storage;

/// <summary>
/// The command a <see cref="KeptSqliteConnection"/> hands out (to Dapper, mostly):
/// it runs on the connection's kept command for its text, whose statements stay
/// prepared, and gives it back when disposed, its parameters cleared and any
/// reader left open closed, so no statement holds a read snapshot between uses.
/// </summary>
internal sealed class StatementLease(KeptSqliteConnection connection) : DbCommand
{
    private SqliteCommand? _command;
    private bool _kept;
    private string _text = string.Empty;
    private int _timeout = connection.DefaultTimeout;
    private SqliteDataReader? _reader;
    private readonly LeaseParameters _parameters = new();

    [AllowNull]
    public override string CommandText
    {
        get => _text;
        set
        {
            var text = value ?? string.Empty;
            if (text != _text)
            {
                Release();
                _text = text;
            }
        }
    }

    public override int CommandTimeout
    {
        get => _timeout;
        set => _timeout = value;
    }

    public override CommandType CommandType
    {
        get => CommandType.Text;
        set
        {
            if (value != CommandType.Text)
            {
                throw new ArgumentException("SQLite runs text commands only.", nameof(value));
            }
        }
    }

    public override bool DesignTimeVisible { get; set; }

    public override UpdateRowSource UpdatedRowSource { get; set; }

    protected override DbConnection? DbConnection
    {
        get => connection;
        set
        {
            if (value != connection)
            {
                throw new NotSupportedException("A command of a kept SQLite connection stays on that connection.");
            }
        }
    }

    protected override DbTransaction? DbTransaction { get; set; }

    /// <summary>
    /// The lease's own: Dapper holds on to the collection while it writes a list
    /// parameter's expansion into the text, so the command is chosen only to run.
    /// </summary>
    protected override DbParameterCollection DbParameterCollection => _parameters;

    public override void Cancel()
    {
    }

    public override int ExecuteNonQuery() => Ready().ExecuteNonQuery();

    public override object? ExecuteScalar() => Ready().ExecuteScalar();

    public override void Prepare() => Ready().Prepare();

    protected override DbParameter CreateDbParameter() => new SqliteParameter();

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => _reader = Ready().ExecuteReader(behavior);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Release();
        }
        base.Dispose(disposing);
    }

    private SqliteCommand Ready()
    {
        if (_command is null)
        {
            _command = connection.Take(_text);
            _kept = _command is not null;
            _command ??= new SqliteCommand(_text, connection);
            connection.Running();
        }
        var command = _command;
        command.Parameters.Clear();
        foreach (SqliteParameter parameter in _parameters)
        {
            command.Parameters.Add(parameter);
        }
        command.CommandTimeout = _timeout;
        command.Transaction = (SqliteTransaction?)DbTransaction ?? connection.OpenTransaction;
        return command;
    }

    private void Release()
    {
        _reader?.Dispose();
        _reader = null;
        if (_command is null)
        {
            return;
        }
        connection.Done();
        if (_kept)
        {
            connection.Give(_command);
        }
        else
        {
            _command.Dispose();
        }
        _command = null;
    }
}

/// <summary>A lease's own parameters: the driver's collection has no public constructor.</summary>
internal sealed class LeaseParameters : SqliteParameterCollection;
