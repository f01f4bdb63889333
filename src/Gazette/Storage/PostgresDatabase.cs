using System.Data.Common;
using Npgsql;

namespace Gazette.Storage;

public sealed class PostgresDatabase(PostgresUrl url) : Database
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(url.ConnectionString);

    public override SqlDialect Dialect => SqlDialect.Postgres;

    public override PostgresUrl Url { get; } = url;

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default) =>
        Handed(await _dataSource.OpenConnectionAsync(cancellationToken));

    public override DbConnection Open() => Handed(_dataSource.OpenConnection());

    public override async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        await base.DisposeAsync();
    }

    protected override void ReleaseBrokenConnections() => _dataSource.Clear();
}
