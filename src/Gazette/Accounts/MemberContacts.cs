using Gazette.Accounts.Contracts;

namespace Gazette.Accounts;

public sealed class MemberContacts(UserStore users) : IMemberContacts
{
    public async Task<MemberContact?> FindAsync(long id, CancellationToken cancellationToken) =>
        await users.FindByIdAsync(id, cancellationToken) is { } user ? new MemberContact(user.Id, user.DisplayName, user.Email) : null;

    public async Task<MemberProfile?> ProfileAsync(long id, CancellationToken cancellationToken) =>
        await users.FindByIdAsync(id, cancellationToken) is { } user
            ? new MemberProfile(user.Id, user.Login, user.DisplayName, user.Slug, user.Email, user.Role, user.CreatedAt)
            : null;
}
