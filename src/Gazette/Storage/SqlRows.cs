using System.Data;
using System.Globalization;
using System.Text;
using Dapper;

namespace Gazette.Storage;

/// <summary>One column of <see cref="SqlRows.Values"/>: its value in a row, and its type when that value is null.</summary>
public sealed record SqlColumn<T>(Func<T, object?> Value, DbType TypeWhenNull = DbType.String);

/// <summary>
/// Many rows in one statement, the same text on both databases: a
/// <c>values (...), (...)</c> list with one parameter a cell, for a multi-row
/// insert or a table of a batch's keys to join against. Passed to Dapper as the
/// statement's parameters, it makes them itself: Dapper's
/// <see cref="DynamicParameters"/> asks each Npgsql parameter for its type, a
/// lookup that cost more than the statement's round trip at a few hundred cells.
/// </summary>
public sealed class SqlRows : SqlMapper.IDynamicParameters
{
    /// <summary>
    /// The most rows one statement takes: a comment has 16 columns, and SQLite
    /// takes at most 32,766 parameters a statement.
    /// </summary>
    public const int MaxPerStatement = 500;

    private static readonly UtcTimestampHandler Timestamps = new();

    private readonly List<(string Name, object? Value, DbType TypeWhenNull)> _cells = [];

    /// <summary>Adds a parameter for every cell and returns the list (<c>values (@r0c0, @r0c1), (@r1c0, @r1c1)</c>).</summary>
    public string Values<T>(IReadOnlyList<T> rows, params SqlColumn<T>[] columns)
    {
        if (rows.Count is 0 or > MaxPerStatement)
        {
            throw new ArgumentOutOfRangeException(nameof(rows), rows.Count, $"A values list holds 1 to {MaxPerStatement} rows.");
        }
        var sql = new StringBuilder("values ");
        for (var row = 0; row < rows.Count; row++)
        {
            sql.Append(row == 0 ? "(" : ", (");
            for (var column = 0; column < columns.Length; column++)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"@r{row}c{column}");
                _cells.Add((name, columns[column].Value(rows[row]), columns[column].TypeWhenNull));
                sql.Append(column == 0 ? "" : ", ").Append(name);
            }
            sql.Append(')');
        }
        return sql.ToString();
    }

    /// <summary>
    /// Each parameter is named as the text names it, prefix included: Microsoft.Data.Sqlite
    /// looks a bare name up in the statement's list of names once as given and then
    /// with each of the three prefixes, every lookup a walk of that list, and with a
    /// parameter a cell that matching was the hottest code of posting a comment.
    /// A value's type comes from the provider's mapping of its .NET type,
    /// timestamps from <see cref="UtcTimestampHandler"/> as everywhere else; a null
    /// is typed, so that PostgreSQL knows a column whose every row is null.
    /// </summary>
    void SqlMapper.IDynamicParameters.AddParameters(IDbCommand command, SqlMapper.Identity identity)
    {
        foreach (var (name, value, typeWhenNull) in _cells)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            switch (value)
            {
                case null:
                    parameter.DbType = typeWhenNull;
                    parameter.Value = DBNull.Value;
                    break;
                case DateTimeOffset timestamp:
                    Timestamps.SetValue(parameter, timestamp);
                    break;
                default:
                    parameter.Value = value;
                    break;
            }
            command.Parameters.Add(parameter);
        }
    }
}
