namespace Gazette.Articles.Contracts;

/// <summary>
/// Newsroom members for bylines that name writers (generated demo content):
/// Articles keeps user ids and never writes the accounts' tables; Accounts
/// implements this.
/// </summary>
public interface IBylineMembers
{
    /// <summary>
    /// The user id for each name: the member with that name's slug, or a new
    /// author without a password (who cannot sign in until an administrator sets one);
    /// a name that cannot become a member is left out.
    /// </summary>
    Task<IReadOnlyDictionary<string, long>> EnsureAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken);
}
