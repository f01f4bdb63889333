using System.Net;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Hosting;

public abstract class HealthTests<TProvider>(TProvider provider) : IClassFixture<TProvider>
    where TProvider : DatabaseProvider
{
    [Fact]
    public async Task HealthzAnswersHealthyWhenTheDatabaseAnswers()
    {
        await using var factory = new GazetteFactory(provider);
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("Healthy\n", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

public sealed class HealthTestsOnSqlite(SqliteProvider provider) : HealthTests<SqliteProvider>(provider);

public sealed class HealthTestsOnPostgres(PostgresProvider provider) : HealthTests<PostgresProvider>(provider);
