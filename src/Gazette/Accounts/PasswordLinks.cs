using System.Security.Cryptography;
using System.Text;
using Dapper;
using Gazette.Accounts.Contracts;
using Gazette.Rendering;
using Gazette.Storage;
using Gazette.Web;
using Microsoft.Extensions.Options;

namespace Gazette.Accounts;

/// <summary>
/// One-time links to set a password (<c>/admin/welcome/TOKEN</c>): for an
/// imported author, who has none, or anyone an administrator invites with
/// <c>gazette user invite</c>. The link carries a random token, the table its
/// SHA-256, so a copy of the database opens nothing. A link works once, for
/// <see cref="Lifetime"/>; a new one for the same account replaces any unused.
/// </summary>
public sealed class PasswordLinks(Database database, IOptionsMonitor<SiteOptions> site, TimeProvider time) : IPasswordLinks
{
    public const string Path = "/admin/welcome/";
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    /// <summary>The site's address links are made with (<c>Gazette:Site:BaseUrl</c>), or null when it is not set.</summary>
    public string? BaseUrl => string.IsNullOrEmpty(site.CurrentValue.BaseUrl) ? null : site.CurrentValue.BaseUrl.TrimEnd('/');

    public async Task<string> IssueAsync(long userId, CancellationToken cancellationToken = default)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "delete from password_links where user_id = @userId and used_at is null", new { userId }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "insert into password_links (id, user_id, created_at, expires_at) values (@id, @userId, @now, @expires)",
            new { id = IdOf(token), userId, now, expires = now + Lifetime }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return (BaseUrl ?? ServeCommand.DefaultUrls) + Path + token;
    }

    /// <summary>The account a live link opens, or null (unknown, used or expired).</summary>
    public async Task<User?> FindUserAsync(string token, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<User>(new CommandDefinition(
            $"select {UserStore.Columns} from users where id = (select user_id from password_links where id = @id and used_at is null and expires_at > @now)",
            new { id = IdOf(token), now = time.GetUtcNow() }, cancellationToken: cancellationToken));
    }

    /// <summary>Spends the link and sets the password, ending the account's sessions; false when the link is not live (then nothing changes).</summary>
    public async Task<bool> SetPasswordAsync(string token, string password, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var userId = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "update password_links set used_at = @now where id = @id and used_at is null and expires_at > @now returning user_id",
            new { id = IdOf(token), now }, transaction, cancellationToken: cancellationToken));
        if (userId is null)
        {
            return false;
        }
        await connection.ExecuteAsync(new CommandDefinition(
            "update users set password_hash = @hash, failed_logins = 0, locked_until = null where id = @userId",
            new { userId, hash = Passwords.Hash(password) }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "delete from sessions where user_id = @userId", new { userId }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static string IdOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
