using System.Runtime.CompilerServices;
using Gazette.Articles.Contracts;

namespace Gazette.Sitemaps;

/// <summary>Members' places, named by Accounts a batch at a time: Articles knows bylines' user ids, never a member's slug.</summary>
public static class AuthorPages
{
    private const int Batch = 200;

    public static async IAsyncEnumerable<PublicPlace> NameAsync(IAsyncEnumerable<PublicPlace> members, IAuthorDirectory authors,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var batch = new List<PublicPlace>(Batch);
        await foreach (var member in members.WithCancellation(cancellationToken))
        {
            batch.Add(member);
            if (batch.Count == Batch)
            {
                await foreach (var named in NameBatchAsync(batch, authors, cancellationToken))
                {
                    yield return named;
                }
                batch.Clear();
            }
        }
        await foreach (var named in NameBatchAsync(batch, authors, cancellationToken))
        {
            yield return named;
        }
    }

    private static async IAsyncEnumerable<PublicPlace> NameBatchAsync(List<PublicPlace> batch, IAuthorDirectory authors, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            yield break;
        }
        var known = await authors.FindAsync([.. batch.Select(member => member.Id)], cancellationToken);
        foreach (var member in batch)
        {
            if (known.TryGetValue(member.Id, out var author))
            {
                yield return member with { Path = author.Path };
            }
        }
    }
}
