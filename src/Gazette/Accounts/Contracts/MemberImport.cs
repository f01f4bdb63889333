using Gazette.Events;

namespace Gazette.Accounts.Contracts;

/// <summary>An author from another site; <paramref name="Id"/> is kept when free.</summary>
public sealed record ImportedMember(long? Id, string Login, string DisplayName, string Email);

/// <summary>What a member import did: the account, and whether it is new (then it has no password).</summary>
public sealed record ImportedMemberResult(long Id, string Login, bool Created);

/// <summary>
/// Newsroom members for an import, made in the caller's unit of work: an
/// existing account with the same login or email is the same person; a new
/// one is an author without a password, who cannot sign in until one is set.
/// </summary>
public interface IMemberImport
{
    Task<ImportedMemberResult> EnsureAsync(UnitOfWork work, ImportedMember member, CancellationToken cancellationToken = default);

    /// <summary>After ids were given explicitly: the next id the database makes is past them.</summary>
    Task AfterExplicitIdsAsync(UnitOfWork work, CancellationToken cancellationToken = default);
}

/// <summary>One-time links for a member to set a password (an imported author has none).</summary>
public interface IPasswordLinks
{
    /// <summary>
    /// A new link for the member, absolute with the site's configured address
    /// (<c>Gazette:Site:BaseUrl</c>, else <c>http://localhost:5000</c>); it
    /// works once, for a week, and replaces the member's unused ones.
    /// </summary>
    Task<string> IssueAsync(long userId, CancellationToken cancellationToken = default);

    /// <summary>The site's configured address, or null when it is not set.</summary>
    string? BaseUrl { get; }
}
