using Dapper;
using Gazette.Storage;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Storage;

public abstract class TimestampTests<TProvider>(TProvider provider) : IClassFixture<TProvider>
    where TProvider : DatabaseProvider
{
    [Fact]
    public async Task TimestampsRoundTripAsUtcWithMicroseconds()
    {
        var local = new DateTimeOffset(2024, 4, 22, 23, 59, 59, TimeSpan.FromHours(-5)).AddTicks(1234567);
        await using var connection = await provider.Database.OpenAsync();
        await connection.ExecuteAsync("insert into settings (key, value, updated_at) values ('ts', 'x', @local)", new { local });

        var stored = await connection.QuerySingleAsync<DateTimeOffset>("select updated_at from settings where key = 'ts'");

        Assert.Equal(TimeSpan.Zero, stored.Offset);
        Assert.Equal(new DateTimeOffset(2024, 4, 23, 4, 59, 59, TimeSpan.Zero).AddTicks(1234560), stored);
    }

    [Fact]
    public async Task ComparisonsInSqlFollowTimeOrder()
    {
        var early = new DateTimeOffset(2024, 1, 1, 9, 0, 0, TimeSpan.Zero);
        await using var connection = await provider.Database.OpenAsync();
        await connection.ExecuteAsync(
            "insert into settings (key, value, updated_at) values ('t1', 'a', @a), ('t2', 'b', @b), ('t3', 'c', @c)",
            new { a = early, b = early.AddTicks(10), c = early.AddSeconds(1) });

        var later = await connection.QueryAsync<string>(
            "select key from settings where key in ('t1', 't2', 't3') and updated_at > @cutoff order by updated_at desc", new { cutoff = early });

        Assert.Equal(["t3", "t2"], later);
    }
}

public sealed class TimestampTestsOnSqlite(SqliteProvider provider) : TimestampTests<SqliteProvider>(provider);

public sealed class TimestampTestsOnPostgres(PostgresProvider provider) : TimestampTests<PostgresProvider>(provider);
