using Dapper;
using Gazette.Kernel;
using Gazette.Storage;

namespace Gazette.Accounts;

public sealed class UserStore(Database database, TimeProvider time)
{
    public const string Columns = "id, login, display_name, slug, email, password_hash, role, failed_logins, locked_until, created_at";

    public async Task<long> CreateAsync(User user, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            insert into users (login, display_name, slug, email, password_hash, role, failed_logins, locked_until, created_at)
            values (@Login, @DisplayName, @Slug, @Email, @PasswordHash, @Role, 0, null, @CreatedAt)
            returning id
            """,
            new
            {
                Login = Normalized.Login(user.Login),
                user.DisplayName,
                Slug = Normalized.Slug(user.Slug),
                Email = Normalized.Email(user.Email),
                user.PasswordHash,
                user.Role,
                CreatedAt = time.GetUtcNow(),
            },
            cancellationToken: cancellationToken));
    }

    public async Task<User?> FindByLoginAsync(string login, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<User>(new CommandDefinition(
            $"select {Columns} from users where login = @login", new { login = Normalized.Login(login) }, cancellationToken: cancellationToken));
    }

    public async Task<User?> FindByIdAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<User>(new CommandDefinition(
            $"select {Columns} from users where id = @id", new { id }, cancellationToken: cancellationToken));
    }

    public async Task<User?> FindByEmailAsync(string email, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<User>(new CommandDefinition(
            $"select {Columns} from users where email = @email", new { email = Normalized.Email(email) }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<User>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var users = await connection.QueryAsync<User>(new CommandDefinition($"select {Columns} from users order by login", cancellationToken: cancellationToken));
        return users.AsList();
    }

    /// <summary>Sets a new password hash; false when there is no such login.</summary>
    public async Task<bool> SetPasswordHashAsync(string login, string passwordHash, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "update users set password_hash = @passwordHash, failed_logins = 0, locked_until = null where login = @login",
            new { login = Normalized.Login(login), passwordHash }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>
    /// Changes name, email and role in one statement that refuses to leave the
    /// newsroom without an administrator; false when it refused (or no such account).
    /// </summary>
    public async Task<bool> UpdateProfileAsync(long id, string displayName, string email, string role, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            update users set display_name = @displayName, email = @email, role = @role
            where id = @id
              and (@role = 'administrator' or exists (select 1 from users other where other.role = 'administrator' and other.id <> @id))
            """,
            new { id, displayName, email = Normalized.Email(email), role }, cancellationToken: cancellationToken)) == 1;
    }

    public async Task<bool> AnyAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select exists (select 1 from users)", cancellationToken: cancellationToken));
    }
}
