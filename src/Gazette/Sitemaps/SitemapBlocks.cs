using System.Collections.Concurrent;
using Gazette.Articles.Contracts;
using Microsoft.Extensions.Options;

namespace Gazette.Sitemaps;

/// <summary>
/// Which blocks of each kind hold public places, with their counts and newest
/// change: what the index lists and what each file's validators are made of.
/// Kept on this node until an article event says they changed
/// (<see cref="SitemapCacheEviction"/>), so a conditional GET costs no query.
/// </summary>
public sealed class SitemapBlocks(IPublicArticles articles, IOptionsMonitor<SitemapOptions> options)
{
    private readonly ConcurrentDictionary<(PublicPlaceKind Kind, int Width), IReadOnlyList<PublicBlock>> _known = new();
    private long _epoch;

    public int Width => options.CurrentValue.IdsPerFile;

    public async Task<IReadOnlyList<PublicBlock>> OfAsync(PublicPlaceKind kind, CancellationToken cancellationToken)
    {
        var key = (kind, Width);
        if (_known.TryGetValue(key, out var known))
        {
            return known;
        }
        var epoch = Interlocked.Read(ref _epoch);
        var blocks = await articles.BlocksAsync(kind, key.Width, cancellationToken);
        // Read before a change was announced, the counts may miss it: used for this answer, not kept.
        if (epoch == Interlocked.Read(ref _epoch))
        {
            _known[key] = blocks;
        }
        return blocks;
    }

    public async Task<PublicBlock?> FindAsync(PublicPlaceKind kind, int number, CancellationToken cancellationToken) =>
        (await OfAsync(kind, cancellationToken)).FirstOrDefault(block => block.Number == number);

    public void Forget()
    {
        Interlocked.Increment(ref _epoch);
        _known.Clear();
    }
}
