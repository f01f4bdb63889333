using System.Security.Cryptography;
using System.Text;
using Dapper;
using Gazette.Storage;

namespace Gazette.Accounts;

/// <summary>
/// The newsroom's sessions, kept on the server: the cookie carries a random
/// token, the table its SHA-256, so a copy of the database signs nobody in.
/// A session ends after 12 hours without use or 14 days in all, at logout, or
/// when the account's password changes (every session but the one changing it).
/// </summary>
public sealed class SessionStore(Database database, TimeProvider time)
{
    public static readonly TimeSpan IdleLimit = TimeSpan.FromHours(12);
    public static readonly TimeSpan AbsoluteLimit = TimeSpan.FromDays(14);

    /// <summary>Last use is written at most this often, so a busy editor does not write on every click.</summary>
    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);

    /// <summary>Starts a session; returns the token for the cookie.</summary>
    public async Task<string> CreateAsync(long userId, string? ip, string? userAgent, CancellationToken cancellationToken = default)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            insert into sessions (id, user_id, created_at, last_seen_at, expires_at, ip, user_agent)
            values (@id, @userId, @now, @now, @expires, @ip, @userAgent)
            """,
            new { id = IdOf(token), userId, now, expires = now + AbsoluteLimit, ip, userAgent = userAgent is { Length: > 512 } ? userAgent[..512] : userAgent },
            cancellationToken: cancellationToken));
        return token;
    }

    /// <summary>The account a live session belongs to, or null; a use renews its idle limit.</summary>
    public async Task<User?> FindUserAsync(string token, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        var session = await connection.QuerySingleOrDefaultAsync<SessionRow>(new CommandDefinition(
            "select user_id, last_seen_at from sessions where id = @id and expires_at > @now and last_seen_at > @idleSince",
            new { id = IdOf(token), now, idleSince = now - IdleLimit }, cancellationToken: cancellationToken));
        if (session is null)
        {
            return null;
        }
        if (now - session.LastSeenAt >= TouchEvery)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "update sessions set last_seen_at = @now where id = @id", new { id = IdOf(token), now }, cancellationToken: cancellationToken));
        }
        return await connection.QuerySingleOrDefaultAsync<User>(new CommandDefinition(
            $"select {UserStore.Columns} from users where id = @UserId", new { session.UserId }, cancellationToken: cancellationToken));
    }

    public async Task EndAsync(string token, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("delete from sessions where id = @id", new { id = IdOf(token) }, cancellationToken: cancellationToken));
    }

    /// <summary>Ends every session of the account but <paramref name="keepToken"/> (the one changing the password, if any); returns how many.</summary>
    public async Task<int> EndAllAsync(long userId, string? keepToken = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "delete from sessions where user_id = @userId and id <> @keep",
            new { userId, keep = keepToken is null ? "" : IdOf(keepToken) }, cancellationToken: cancellationToken));
    }

    /// <summary>Removes what has expired (run from a periodic job).</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "delete from sessions where expires_at <= @now or last_seen_at <= @idleSince",
            new { now, idleSince = now - IdleLimit }, cancellationToken: cancellationToken));
    }

    private sealed class SessionRow
    {
        public long UserId { get; init; }

        public DateTimeOffset LastSeenAt { get; init; }
    }

    private static string IdOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
