using System.Data;
using Dapper;
using Gazette.Storage;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Storage;

internal sealed record ValuesCell(int Number, string? Text);

/// <summary>A values list of the most rows one statement takes reads back cell for cell on both databases, nulls typed.</summary>
public abstract class SqlRowsTests<TProvider>(TProvider provider) : IClassFixture<TProvider>
    where TProvider : DatabaseProvider
{
    private sealed class ReadBack
    {
        public int Num { get; init; }

        public string? Label { get; init; }
    }

    [Fact]
    public async Task AFullValuesListReadsBackCellForCell()
    {
        var rows = Enumerable.Range(0, SqlRows.MaxPerStatement).Select(i => new ValuesCell(i, i % 7 == 0 ? null : $"row {i}: it's \"quoted\"")).ToList();
        var parameters = new SqlRows();
        var values = parameters.Values(rows,
            new SqlColumn<ValuesCell>(cell => cell.Number, DbType.Int32),
            new SqlColumn<ValuesCell>(cell => cell.Text));

        await using var connection = await provider.Database.OpenAsync();
        var read = (await connection.QueryAsync<ReadBack>(
            $"with given (num, label) as ({values}) select num, label from given order by num", parameters)).ToList();

        Assert.Equal(rows, read.Select(row => new ValuesCell(row.Num, row.Label)));
    }
}

public sealed class SqlRowsTestsOnSqlite(SqliteProvider provider) : SqlRowsTests<SqliteProvider>(provider);

public sealed class SqlRowsTestsOnPostgres(PostgresProvider provider) : SqlRowsTests<PostgresProvider>(provider);

/// <summary>
/// Its parameters carry the names the text uses, prefix included: Microsoft.Data.Sqlite
/// otherwise tries each prefix in turn, every try a walk of the statement's names.
/// </summary>
public sealed class SqlRowsNamingTests
{
    [Fact]
    public void ParametersCarryTheNamesTheTextUses()
    {
        var parameters = new SqlRows();
        var values = parameters.Values([new ValuesCell(1, "a"), new ValuesCell(2, null)],
            new SqlColumn<ValuesCell>(cell => cell.Number, DbType.Int32),
            new SqlColumn<ValuesCell>(cell => cell.Text));
        using var command = new Microsoft.Data.Sqlite.SqliteCommand();

        ((SqlMapper.IDynamicParameters)parameters).AddParameters(command, null!);

        Assert.Equal("values (@r0c0, @r0c1), (@r1c0, @r1c1)", values);
        Assert.Equal(["@r0c0", "@r0c1", "@r1c0", "@r1c1"], command.Parameters.Cast<IDataParameter>().Select(parameter => parameter.ParameterName));
    }
}
