using Dapper;
using Gazette.Kernel;
using Gazette.Storage;

namespace Gazette.Accounts;

/// <summary>
/// Members' application passwords: made (the secret returned once), listed,
/// revoked, and checked for HTTP Basic auth by login or email, as WordPress
/// accepts either. Last use is written at most once a minute per password, so
/// a busy client does not write on every request.
/// </summary>
public sealed class ApplicationPasswordStore(Database database, TimeProvider time)
{
    public const int NameMaxLength = 100;

    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);

    /// <summary>Why <paramref name="name"/> cannot name a password, or null.</summary>
    public static string? NameProblem(string name) =>
        name.Trim().Length == 0 ? "Name the app or script this password is for."
        : name.Trim().Length > NameMaxLength ? $"A name has at most {NameMaxLength} characters."
        : name.Any(char.IsControl) ? "A name cannot contain control characters."
        : null;

    /// <summary>Makes a password for <paramref name="userId"/>; returns it grouped in fours, the only time it is seen.</summary>
    public async Task<string> CreateAsync(long userId, string name, CancellationToken cancellationToken = default)
    {
        var secret = ApplicationPasswordSecret.Generate();
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            insert into application_passwords (user_id, uuid, name, password_hash, created_at)
            values (@userId, @uuid, @name, @hash, @now)
            """,
            new { userId, uuid = Guid.NewGuid().ToString(), name = name.Trim(), hash = Convert.ToHexStringLower(ApplicationPasswordSecret.Hash(secret)), now = time.GetUtcNow() },
            cancellationToken: cancellationToken));
        return ApplicationPasswordSecret.Grouped(secret);
    }

    public async Task<IReadOnlyList<ApplicationPassword>> ListAsync(long userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ApplicationPassword>(new CommandDefinition(
            "select uuid, name, created_at, last_used_at, last_used_ip from application_passwords where user_id = @userId order by created_at, id",
            new { userId }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>Revokes one of <paramref name="userId"/>'s passwords; false when it has no such password.</summary>
    public async Task<bool> RevokeAsync(long userId, string uuid, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "delete from application_passwords where user_id = @userId and uuid = @uuid",
            new { userId, uuid }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>
    /// The account whose login or email is <paramref name="loginOrEmail"/> and
    /// one of whose application passwords is <paramref name="password"/>, or
    /// null. The account's own login password never matches here.
    /// </summary>
    public async Task<User?> AuthenticateAsync(string loginOrEmail, string password, string? address, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var user = await connection.QuerySingleOrDefaultAsync<User>(new CommandDefinition(
            $"select {UserStore.Columns} from users where login = @login or email = @email order by case when login = @login then 0 else 1 end limit 1",
            new { login = Normalized.Login(loginOrEmail), email = Normalized.Email(loginOrEmail) }, cancellationToken: cancellationToken));
        // An unknown login costs the same queries as a known one, so the time of the answer does not say which logins exist.
        var candidates = await connection.QueryAsync<Candidate>(new CommandDefinition(
            "select id, password_hash, last_used_at from application_passwords where user_id = @id",
            new { id = user?.Id ?? 0 }, cancellationToken: cancellationToken));
        var presented = ApplicationPasswordSecret.Hash(password);
        var match = candidates.FirstOrDefault(candidate => ApplicationPasswordSecret.Matches(candidate.PasswordHash, presented));
        if (user is null || match is null)
        {
            return null;
        }
        var now = time.GetUtcNow();
        if (match.LastUsedAt is not { } last || now - last >= TouchEvery)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "update application_passwords set last_used_at = @now, last_used_ip = @address where id = @Id",
                new { match.Id, now, address }, cancellationToken: cancellationToken));
        }
        return user;
    }

    private sealed class Candidate
    {
        public long Id { get; init; }

        public string PasswordHash { get; init; } = "";

        public DateTimeOffset? LastUsedAt { get; init; }
    }
}
