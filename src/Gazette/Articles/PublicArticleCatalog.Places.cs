using System.Runtime.CompilerServices;
using Dapper;
using Gazette.Articles.Contracts;

namespace Gazette.Articles;

/// <summary>
/// The catalog's places, for sitemaps: every public article, page and archive,
/// in blocks of ids whose contents are counted by one aggregate query and
/// streamed by one ranged query, so a million articles cost no more memory than one.
/// </summary>
public sealed partial class PublicArticleCatalog
{
    public async Task<IReadOnlyList<PublicBlock>> BlocksAsync(PublicPlaceKind kind, int width, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        if (kind == PublicPlaceKind.Page)
        {
            return await PageBlocksAsync(width, cancellationToken);
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<BlockRow>(new CommandDefinition(
            $"""
            select number, count(*) as count, max(last_changed) as last_changed
            from (select (p.id - 1) / @width + 1 as number, p.last_changed from ({PlacesSql(kind, ranged: false)}) p) q
            group by number order by number
            """,
            new { width, now = time.GetUtcNow() }, cancellationToken: cancellationToken));
        return [.. rows.Select(row => new PublicBlock(checked((int)row.Number), checked((int)row.Count), row.LastChanged))];
    }

    public async IAsyncEnumerable<PublicPlace> PlacesAsync(PublicPlaceKind kind, PublicBlockRange block, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (kind == PublicPlaceKind.Page)
        {
            await foreach (var page in LocationsAsync(ArticleKind.Page, block.FirstId - 1, block.Width, cancellationToken))
            {
                if (page.Id > block.LastId)
                {
                    yield break;
                }
                yield return new PublicPlace(page.Id, page.Path, page.UpdatedAt);
            }
            yield break;
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = connection.QueryUnbufferedAsync<PlaceRow>(
            $"select * from ({PlacesSql(kind, ranged: true)}) p order by p.id",
            new { first = block.FirstId, last = block.LastId, now = time.GetUtcNow() });
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            yield return new PublicPlace(row.Id, Path(kind, row), row.LastChanged);
        }
    }

    public async IAsyncEnumerable<PublicLocation> PublishedSinceAsync(DateTimeOffset since, int limit, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = connection.QueryUnbufferedAsync<PlaceRow>(
            $"""
            select a.id, a.slug, a.title, a.published_at, a.updated_at as last_changed from articles a
            where a.kind = 'article' and {Visible} and a.published_at >= @since
            order by a.published_at desc, a.id desc limit @limit
            """,
            new { since, limit, now = time.GetUtcNow() });
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            yield return new PublicLocation(row.Id, ArticleKind.Article, links.Article(row.Id, row.Slug, row.PublishedAt!.Value), row.Title,
                row.PublishedAt.Value, row.LastChanged);
        }
    }

    /// <summary>Each place's id and newest change (an archive's: its newest changed public article), and what its path needs.</summary>
    private static string PlacesSql(PublicPlaceKind kind, bool ranged)
    {
        string Range(string column) => ranged ? $"and {column} between @first and @last" : "";
        // Within a block, kind as an expression: SQLite then walks the id range instead of
        // the listing index, which would read every public article and sort the block's.
        var article = ranged ? "a.kind || '' = 'article'" : "a.kind = 'article'";
        return kind switch
        {
            PublicPlaceKind.Article => $"""
                select a.id, a.slug, a.published_at, a.updated_at as last_changed from articles a
                where {article} and {Visible} {Range("a.id")}
                """,
            PublicPlaceKind.Section => $"""
                select x.section_id as id, s.slug, max(a.updated_at) as last_changed
                from article_sections x join sections s on s.id = x.section_id join articles a on a.id = x.article_id
                where a.kind = 'article' and {Visible} {Range("x.section_id")}
                group by x.section_id, s.slug
                """,
            PublicPlaceKind.Tag => $"""
                select x.tag_id as id, t.slug, max(a.updated_at) as last_changed
                from article_tags x join tags t on t.id = x.tag_id join articles a on a.id = x.article_id
                where a.kind = 'article' and {Visible} {Range("x.tag_id")}
                group by x.tag_id, t.slug
                """,
            PublicPlaceKind.Author => $"""
                select b.user_id as id, max(a.updated_at) as last_changed
                from bylines b join articles a on a.id = b.article_id
                where b.user_id is not null and a.kind = 'article' and {Visible} {Range("b.user_id")}
                group by b.user_id
                """,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Pages are read whole."),
        };
    }

    private string? Path(PublicPlaceKind kind, PlaceRow row) => kind switch
    {
        PublicPlaceKind.Article => links.Article(row.Id, row.Slug, row.PublishedAt!.Value),
        PublicPlaceKind.Section => Permalinks.Section(row.Slug),
        PublicPlaceKind.Tag => Permalinks.Tag(row.Slug),
        _ => null,
    };

    /// <summary>Pages are few, and a page's path reads its ancestors, so their blocks are counted from the pages themselves.</summary>
    private async Task<IReadOnlyList<PublicBlock>> PageBlocksAsync(int width, CancellationToken cancellationToken)
    {
        var blocks = new SortedDictionary<int, PublicBlock>();
        await foreach (var page in LocationsAsync(ArticleKind.Page, 0, int.MaxValue, cancellationToken))
        {
            var number = checked((int)((page.Id - 1) / width + 1));
            blocks[number] = blocks.TryGetValue(number, out var block)
                ? block with { Count = block.Count + 1, LastChanged = page.UpdatedAt > block.LastChanged ? page.UpdatedAt : block.LastChanged }
                : new PublicBlock(number, 1, page.UpdatedAt);
        }
        return [.. blocks.Values];
    }

    private sealed class BlockRow
    {
        public long Number { get; init; }
        public long Count { get; init; }
        public DateTimeOffset LastChanged { get; init; }
    }

    private sealed class PlaceRow
    {
        public long Id { get; init; }
        public string Slug { get; init; } = "";
        public string Title { get; init; } = "";
        public DateTimeOffset? PublishedAt { get; init; }
        public DateTimeOffset LastChanged { get; init; }
    }
}
