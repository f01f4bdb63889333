using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gazette.Storage;

public sealed class DatabaseHealthCheck(Database database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await connection.ExecuteScalarAsync<int>(new CommandDefinition("select 1", cancellationToken: cancellationToken));
            return HealthCheckResult.Healthy(database.Dialect.Name);
        }
        catch (Exception ex) when (ex is DbException or IOException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"{database.Dialect.Name} unreachable", ex);
        }
    }
}
