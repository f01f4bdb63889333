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
/// insert or a table of a batch's keys to join against.
/// </summary>
public static class SqlRows
{
    /// <summary>
    /// The most rows one statement takes: a comment has 17 columns, and SQLite
    /// takes at most 32,766 parameters a statement.
    /// </summary>
    public const int MaxPerStatement = 500;

    /// <summary>
    /// Adds a parameter for every cell to <paramref name="parameters"/> and returns
    /// the list (<c>values (@r0c0, @r0c1), (@r1c0, @r1c1)</c>). A null cell is
    /// typed, so that PostgreSQL knows a column whose every row is null.
    /// </summary>
    public static string Values<T>(IReadOnlyList<T> rows, DynamicParameters parameters, params SqlColumn<T>[] columns)
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
                var name = string.Create(CultureInfo.InvariantCulture, $"r{row}c{column}");
                var value = columns[column].Value(rows[row]);
                // Dapper's own mapping (and the timestamp handler) types a value; only a null needs a type given.
                parameters.Add(name, value, value is null ? columns[column].TypeWhenNull : null);
                sql.Append(column == 0 ? "@" : ", @").Append(name);
            }
            sql.Append(')');
        }
        return sql.ToString();
    }
}
