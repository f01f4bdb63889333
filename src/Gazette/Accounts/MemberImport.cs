using Dapper;
using Gazette.Accounts.Contracts;
using Gazette.Events;
using Gazette.Kernel;
using Gazette.Storage;
using Gazette.Web;

namespace Gazette.Accounts;

/// <summary>
/// Members for an import (<see cref="IMemberImport"/>): the account with the
/// same login or email, or a new author with no password. A new account's
/// author-page slug is its display name's, or its login's, or that with its
/// old id, whichever is free first; an address it lacks is one that can never
/// receive mail (.invalid), as bylines' members get.
/// </summary>
public sealed class MemberImport(TimeProvider time) : IMemberImport
{
    public async Task<ImportedMemberResult> EnsureAsync(UnitOfWork work, ImportedMember member, CancellationToken cancellationToken = default)
    {
        var login = Normalized.Login(member.Login);
        var email = Normalized.Email(member.Email.Length > 0 ? member.Email : Normalized.Slug(login) + "@imported.invalid");
        var existing = await work.Connection.QueryFirstOrDefaultAsync<(long Id, string Login)?>(work.Command(
            "select id, login from users where login = @login or email = @email order by login = @login desc limit 1", new { login, email }, cancellationToken));
        if (existing is { } found)
        {
            return new ImportedMemberResult(found.Id, found.Login, Created: false);
        }
        var name = member.DisplayName.Trim().Length > 0 ? member.DisplayName.Trim() : login;
        var keepId = member.Id is { } wanted && !await work.Connection.ExecuteScalarAsync<bool>(work.Command(
            "select exists (select 1 from users where id = @wanted)", new { wanted }, cancellationToken));
        string[] slugs = [Normalized.Slug(name), Normalized.Slug(login), $"{Normalized.Slug(login)}-{member.Id ?? 0}"];
        foreach (var slug in slugs.Where(slug => slug.Length > 0).Distinct(StringComparer.Ordinal))
        {
            if (await work.Connection.ExecuteScalarAsync<bool>(work.Command("select exists (select 1 from users where slug = @slug)", new { slug }, cancellationToken)))
            {
                continue;
            }
            var id = await work.Connection.ExecuteScalarAsync<long>(work.Command(
                $"""
                insert into users ({(keepId ? "id, " : "")}login, display_name, slug, email, password_hash, role, failed_logins, locked_until, created_at)
                values ({(keepId ? "@Id, " : "")}@login, @name, @slug, @email, '', @role, 0, null, @now)
                returning id
                """,
                new { member.Id, login, name, slug, email, role = NewsroomRole.Author, now = time.GetUtcNow() }, cancellationToken));
            return new ImportedMemberResult(id, login, Created: true);
        }
        throw new InvalidOperationException($"No free author-page slug for the imported member '{login}'.");
    }

    public async Task AfterExplicitIdsAsync(UnitOfWork work, CancellationToken cancellationToken = default)
    {
        if (work.Dialect == SqlDialect.Postgres)
        {
            await work.Connection.ExecuteAsync(work.Command(
                "select setval(pg_get_serial_sequence('users', 'id'), (select coalesce(max(id), 0) + 1 from users), false)", null, cancellationToken));
        }
    }
}
