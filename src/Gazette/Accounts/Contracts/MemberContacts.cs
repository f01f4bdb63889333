namespace Gazette.Accounts.Contracts;

/// <summary>A member's name and email, for what a member writes under their own name (a comment sent through an API).</summary>
public sealed record MemberContact(long Id, string Name, string Email);

/// <summary>A member as the newsroom's own people may know them: login, email, role and since when.</summary>
public sealed record MemberProfile(long Id, string Login, string Name, string Slug, string Email, string Role, DateTimeOffset RegisteredAt);

/// <summary>Members' contact details by id. Implemented by Accounts.</summary>
public interface IMemberContacts
{
    Task<MemberContact?> FindAsync(long id, CancellationToken cancellationToken);

    /// <summary>For the member themself and those who manage the newsroom only: never shown to the public.</summary>
    Task<MemberProfile?> ProfileAsync(long id, CancellationToken cancellationToken);
}
