using Dapper;
using Gazette.Storage;
using Gazette.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Storage;

/// <summary>
/// A kill test cannot tell a flushed write from one still in the OS cache; the
/// pragma can. Every connection the app hands out must run synchronous=FULL.
/// </summary>
public sealed class SqliteDurabilityTests(SqliteProvider provider) : IClassFixture<SqliteProvider>
{
    private const int Full = 2;

    [Fact]
    public async Task EveryConnectionTheAppHandsOutIsDurable()
    {
        await using var factory = new GazetteFactory(provider);
        using var client = factory.CreateClient();
        var database = factory.Services.GetRequiredService<Database>();

        var connections = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => database.OpenAsync()));
        try
        {
            foreach (var connection in connections)
            {
                Assert.Equal(Full, await connection.ExecuteScalarAsync<int>("PRAGMA synchronous"));
                Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
                Assert.Equal(1, await connection.ExecuteScalarAsync<int>("PRAGMA foreign_keys"));
                Assert.True(await connection.ExecuteScalarAsync<int>("PRAGMA busy_timeout") >= 1000);
            }
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task PooledConnectionsStayDurableWhenReused()
    {
        await using var database = Database.Create(DatabaseUrl.Parse(provider.Setting));
        for (var i = 0; i < 3; i++)
        {
            await using var connection = await database.OpenAsync();
            Assert.Equal(Full, await connection.ExecuteScalarAsync<int>("PRAGMA synchronous"));
            await connection.ExecuteAsync("PRAGMA synchronous=OFF");
        }
        using var sync = database.Open();
        Assert.Equal(Full, sync.ExecuteScalar<int>("PRAGMA synchronous"));
    }
}
