namespace Gazette.Accounts.Contracts;

/// <summary>A member's name and email, for what a member writes under their own name (a comment sent through an API).</summary>
public sealed record MemberContact(long Id, string Name, string Email);

/// <summary>Members' contact details by id. Implemented by Accounts.</summary>
public interface IMemberContacts
{
    Task<MemberContact?> FindAsync(long id, CancellationToken cancellationToken);
}
