namespace Gazette.Articles.Contracts;

/// <summary>
/// The display names of newsroom members, for the lists that say who submitted
/// or saved an article and for choosing bylines. Articles keeps user ids only
/// and does not read the accounts' tables; Accounts implements this. An id with
/// no user is left out.
/// </summary>
public interface INewsroomNames
{
    Task<IReadOnlyDictionary<long, string>> DisplayNamesAsync(IReadOnlyCollection<long> userIds, CancellationToken cancellationToken);

    /// <summary>Every member of the newsroom, by display name: the editor's byline choices.</summary>
    Task<IReadOnlyList<NewsroomMember>> MembersAsync(CancellationToken cancellationToken);
}

/// <summary>A member as a byline names them.</summary>
public sealed record NewsroomMember(long Id, string Name);
