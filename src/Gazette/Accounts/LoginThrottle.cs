using Dapper;
using Gazette.Kernel;
using Gazette.Storage;

namespace Gazette.Accounts;

/// <summary>
/// Failed logins, counted per account and address in the database (so every
/// node sees them): after 5 failures from one address, that address waits
/// before trying that account again, 30 seconds doubling to at most 15 minutes.
/// A success from the address clears its count. Counting per pair means a
/// stranger guessing from elsewhere slows only themselves, never locking the
/// account's owner out.
/// </summary>
public sealed class LoginThrottle(Database database, TimeProvider time)
{
    public const int FreeFailures = 5;

    public static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(15);

    /// <summary>How long to wait after this many failures in a row.</summary>
    public static TimeSpan DelayAfter(int failures) =>
        failures < FreeFailures ? TimeSpan.Zero
        : failures - FreeFailures >= 5 ? MaxDelay
        : TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, FirstDelay.Ticks << (failures - FreeFailures)));

    /// <summary>How long this address must still wait before trying this login, or zero.</summary>
    public async Task<TimeSpan> WaitAsync(string login, string address, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<FailureRow>(new CommandDefinition(
            "select failures, last_failed_at from login_failures where login = @login and address = @address",
            new { login = Normalized.Login(login), address }, cancellationToken: cancellationToken));
        if (row is not { } failed)
        {
            return TimeSpan.Zero;
        }
        var wait = failed.LastFailedAt + DelayAfter(failed.Failures) - time.GetUtcNow();
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    public async Task RecordFailureAsync(string login, string address, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            insert into login_failures (login, address, failures, last_failed_at) values (@login, @address, 1, @now)
            on conflict (login, address) do update set failures = login_failures.failures + 1, last_failed_at = excluded.last_failed_at
            """,
            new { login = Normalized.Login(login), address, now = time.GetUtcNow() }, cancellationToken: cancellationToken));
    }

    /// <summary>Forgets counts whose last failure is older than the longest delay: they slow nobody any more.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "delete from login_failures where last_failed_at <= @before", new { before = time.GetUtcNow() - MaxDelay - MaxDelay }, cancellationToken: cancellationToken));
    }

    public async Task ClearAsync(string login, string address, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "delete from login_failures where login = @login and address = @address",
            new { login = Normalized.Login(login), address }, cancellationToken: cancellationToken));
    }

    private sealed class FailureRow
    {
        public int Failures { get; init; }

        public DateTimeOffset LastFailedAt { get; init; }
    }
}
