using System.Net;
using System.Text.Json;
using Dapper;
using Gazette.Storage;
using Gazette.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Hosting;

/// <summary>
/// /healthz in JSON: the database's probe, and the job backlog (cluster
/// subscribers' cursors behind the log, periodic jobs on time) with its
/// figures. A backlog makes the body Degraded but keeps 200: the node serves.
/// (The database unreachable, 503: <c>StorageFailureTestsOnPostgres</c>.)
/// </summary>
public abstract class HealthTests<TProvider>(TProvider provider) : SiteTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    [Fact]
    public async Task HealthzAnswersHealthyWhenTheDatabaseAnswersAndNothingWaits()
    {
        var (status, report) = await HealthAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", report.GetProperty("status").GetString());
        var checks = report.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
        var jobs = checks.GetProperty("jobs");
        Assert.Equal("Healthy", jobs.GetProperty("status").GetString());
        var data = jobs.GetProperty("data");
        Assert.Equal(120, data.GetProperty("maxWaitSeconds").GetDouble());
        Assert.Contains(data.GetProperty("subscribers").EnumerateArray(), subscriber => subscriber.GetProperty("name").GetString() == "search:index");
        Assert.All(data.GetProperty("subscribers").EnumerateArray(), subscriber => Assert.Equal(0, subscriber.GetProperty("oldestSeconds").GetDouble()));
    }

    [Fact]
    public async Task AnEventWaitingPastTheLimitMakesTheJobsDegradedWithItsFiguresAndTheNodeStillServes()
    {
        var written = Factory.Clock.GetUtcNow() - TimeSpan.FromMinutes(10);
        var database = Factory.Services.GetRequiredService<Database>();
        await using var connection = await database.OpenAsync();
        // A type no build knows: the pump would pass it over, but the clock stands still, so it waits after every cursor.
        var id = await connection.ExecuteScalarAsync<long>(
            "insert into events (type, payload, origin, created_at) values ('test.waiting', '{}', 'test', @written) returning id", new { written });
        try
        {
            var (status, report) = await HealthAsync();

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("Degraded", report.GetProperty("status").GetString());
            var jobs = report.GetProperty("checks").GetProperty("jobs");
            Assert.Equal("Degraded", jobs.GetProperty("status").GetString());
            Assert.Contains("events wait over 120 s", jobs.GetProperty("description").GetString(), StringComparison.Ordinal);
            var search = jobs.GetProperty("data").GetProperty("subscribers").EnumerateArray().Single(subscriber => subscriber.GetProperty("name").GetString() == "search:index");
            Assert.True(search.GetProperty("behind").GetInt64() >= 1);
            Assert.True(search.GetProperty("oldestSeconds").GetDouble() >= 600);
            Assert.Equal("Healthy", report.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        }
        finally
        {
            await connection.ExecuteAsync("delete from events where id = @id", new { id });
        }
    }

    private async Task<(HttpStatusCode Status, JsonElement Report)> HealthAsync()
    {
        using var response = await Client.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }
}

public sealed class HealthTestsOnSqlite(SqliteProvider provider) : HealthTests<SqliteProvider>(provider);

public sealed class HealthTestsOnPostgres(PostgresProvider provider) : HealthTests<PostgresProvider>(provider);
