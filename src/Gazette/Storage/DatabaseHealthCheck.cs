using System.Diagnostics;
using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gazette.Storage;

/// <summary>
/// /healthz's view of the database: Healthy when it reads and takes a write,
/// Degraded when it reads but refuses writes (a full disk, a read-only file
/// system, a read-only server), Unhealthy when it cannot be read. The write
/// probe rewrites this machine's row in <c>health_probes</c>; its answer is
/// reused for a second, so a monitor polling hard costs one write a second.
/// The reason is in the description, without the exception: a monitor polling
/// through an outage would otherwise log a stack trace a second.
/// </summary>
public sealed class DatabaseHealthCheck(Database database, TimeProvider time) : IHealthCheck, IDisposable
{
    private static readonly TimeSpan Reuse = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _probing = new(1, 1);
    private (HealthCheckResult Result, long At)? _last;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await _probing.WaitAsync(cancellationToken);
        try
        {
            // The machine's own monotonic clock: the site's clock may be set or frozen (in tests).
            if (_last is { } last && Stopwatch.GetElapsedTime(last.At) < Reuse)
            {
                return last.Result;
            }
            var result = await ProbeAsync(cancellationToken);
            _last = (result, Stopwatch.GetTimestamp());
            return result;
        }
        finally
        {
            _probing.Release();
        }
    }

    private async Task<HealthCheckResult> ProbeAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        var name = database.Dialect.Name;
        try
        {
            await using var connection = await database.OpenAsync(timeout.Token);
            await connection.ExecuteScalarAsync<int>(new CommandDefinition("select 1", cancellationToken: timeout.Token));
        }
        catch (Exception ex) when (StorageFailure.Is(ex) || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return HealthCheckResult.Unhealthy($"{name}: cannot read: {Reason(ex)}");
        }
        try
        {
            using var turn = await database.WaitForWriteTurnAsync(timeout.Token);
            await using var connection = await database.OpenAsync(timeout.Token);
            await using var transaction = await connection.BeginTransactionAsync(timeout.Token);
            await connection.ExecuteAsync(new CommandDefinition(
                "insert into health_probes (node, probed_at) values (@node, @now) on conflict (node) do update set probed_at = excluded.probed_at",
                new { node = Environment.MachineName, now = time.GetUtcNow() }, transaction, cancellationToken: timeout.Token));
            await transaction.CommitAsync(timeout.Token);
        }
        catch (Exception ex) when (StorageFailure.Is(ex) || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            database.Recover(ex);
            return HealthCheckResult.Degraded($"{name}: reads work, writes fail: {Reason(ex)}");
        }
        return HealthCheckResult.Healthy($"{name}: reads and writes work");
    }

    public void Dispose() => _probing.Dispose();

    private static string Reason(Exception exception) =>
        exception is OperationCanceledException ? $"no answer within {ProbeTimeout.TotalSeconds:0} s" : exception.Message.ReplaceLineEndings(" ");
}
