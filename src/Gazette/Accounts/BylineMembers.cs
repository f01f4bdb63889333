using Dapper;
using Gazette.Articles.Contracts;
using Gazette.Kernel;
using Gazette.Storage;
using Gazette.Web;

namespace Gazette.Accounts;

/// <summary>
/// Finds or makes the members bylines name: an author whose login and slug are
/// the name's slug, an address that can never receive mail (.invalid), and no
/// password, so the account has an author page but cannot sign in.
/// </summary>
public sealed class BylineMembers(Database database, TimeProvider time) : IBylineMembers
{
    public async Task<IReadOnlyDictionary<string, long>> EnsureAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken)
    {
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var connection = await database.OpenAsync(cancellationToken);
        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            var slug = Normalized.Slug(name);
            await connection.ExecuteAsync(new CommandDefinition(
                """
                insert into users (login, display_name, slug, email, password_hash, role, failed_logins, locked_until, created_at)
                values (@login, @name, @slug, @email, '', @role, 0, null, @now)
                on conflict do nothing
                """,
                new { login = Normalized.Login(slug), name, slug, email = Normalized.Email(slug + "@newsroom.invalid"), role = NewsroomRole.Author, now = time.GetUtcNow() },
                cancellationToken: cancellationToken));
            // A login or address another account holds leaves the name without a member: its byline stays a plain name.
            if (await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                    "select id from users where slug = @slug", new { slug }, cancellationToken: cancellationToken)) is { } id)
            {
                ids[name] = id;
            }
        }
        return ids;
    }
}
