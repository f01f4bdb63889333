using System.Runtime.CompilerServices;
using Dapper;
using Gazette.Articles.Contracts;

namespace Gazette.Articles;

/// <summary>
/// The catalog's places, for sitemaps: every public article, page and archive,
/// in blocks of ids, each counted by one aggregate query over its range and
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
        var (highest, count) = BlockSql(kind);
        await using var connection = await database.OpenAsync(cancellationToken);
        var last = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(highest, cancellationToken: cancellationToken)) ?? 0;
        var blocks = new List<PublicBlock>();
        var now = time.GetUtcNow();
        for (var number = 1; (long)(number - 1) * width < last; number++)
        {
            var range = new PublicBlockRange(number, width);
            var row = await connection.QuerySingleAsync<BlockRow>(new CommandDefinition(count,
                new { first = range.FirstId, last = range.LastId, now }, cancellationToken: cancellationToken));
            if (row.Count > 0)
            {
                blocks.Add(new PublicBlock(number, checked((int)row.Count), row.LastChanged!.Value));
            }
        }
        return blocks;
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
        var rows = connection.QueryUnbufferedAsync<PlaceRow>(PlacesSql(kind),
            new { first = block.FirstId, last = block.LastId, now = time.GetUtcNow() });
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            // An archive whose articles are all hidden has no newest change: it is not public.
            if (row.LastChanged is { } lastChanged)
            {
                yield return new PublicPlace(row.Id, Path(kind, row), lastChanged);
            }
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
                row.PublishedAt.Value, row.LastChanged!.Value);
        }
    }

    // Every query below reads one id range through an index on that id, with no GROUP BY:
    // a grouping sorts every joined row in a temporary tree, which Microsoft.Data.Sqlite's
    // SQLite keeps in memory, so a block's cost in memory would grow with the site.
    // "a.kind || ''" keeps SQLite off the listing index, which would read every public article.

    /// <summary>The highest id a kind's blocks can reach, and one block's count of public places and newest change.</summary>
    private static (string Highest, string Count) BlockSql(PublicPlaceKind kind) => kind switch
    {
        PublicPlaceKind.Article => ("select max(id) from articles", $"""
            select count(*) as count, max(a.updated_at) as last_changed from articles a
            where a.id between @first and @last and a.kind || '' = 'article' and {Visible}
            """),
        PublicPlaceKind.Section => ("select max(id) from sections", $"""
            select count(distinct x.section_id) as count, max(a.updated_at) as last_changed
            from article_sections x join articles a on a.id = x.article_id
            where x.section_id between @first and @last and a.kind = 'article' and {Visible}
            """),
        PublicPlaceKind.Tag => ("select max(id) from tags", $"""
            select count(distinct x.tag_id) as count, max(a.updated_at) as last_changed
            from article_tags x join articles a on a.id = x.article_id
            where x.tag_id between @first and @last and a.kind = 'article' and {Visible}
            """),
        PublicPlaceKind.Author => ("select max(user_id) from bylines", $"""
            select count(distinct b.user_id) as count, max(a.updated_at) as last_changed
            from bylines b join articles a on a.id = b.article_id
            where b.user_id between @first and @last and a.kind = 'article' and {Visible}
            """),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Pages are counted from the pages themselves."),
    };

    /// <summary>A block's places by id with their newest change (an archive's: its newest changed public article, null when none is public).</summary>
    private static string PlacesSql(PublicPlaceKind kind) => kind switch
    {
        PublicPlaceKind.Article => $"""
            select a.id, a.slug, a.published_at, a.updated_at as last_changed from articles a
            where a.id between @first and @last and a.kind || '' = 'article' and {Visible}
            order by a.id
            """,
        PublicPlaceKind.Section => $"""
            select s.id, s.slug, (select max(a.updated_at) from article_sections x join articles a on a.id = x.article_id
                                  where x.section_id = s.id and a.kind || '' = 'article' and {Visible}) as last_changed
            from sections s where s.id between @first and @last and s.article_count > 0
            order by s.id
            """,
        PublicPlaceKind.Tag => $"""
            select t.id, t.slug, (select max(a.updated_at) from article_tags x join articles a on a.id = x.article_id
                                  where x.tag_id = t.id and a.kind || '' = 'article' and {Visible}) as last_changed
            from tags t where t.id between @first and @last and t.article_count > 0
            order by t.id
            """,
        PublicPlaceKind.Author => $"""
            select m.id, (select max(a.updated_at) from bylines b join articles a on a.id = b.article_id
                          where b.user_id = m.id and a.kind || '' = 'article' and {Visible}) as last_changed
            from (select distinct user_id as id from bylines where user_id between @first and @last) m
            order by m.id
            """,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Pages are read whole."),
    };

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
        public long Count { get; init; }
        public DateTimeOffset? LastChanged { get; init; }
    }

    private sealed class PlaceRow
    {
        public long Id { get; init; }
        public string Slug { get; init; } = "";
        public string Title { get; init; } = "";
        public DateTimeOffset? PublishedAt { get; init; }
        public DateTimeOffset? LastChanged { get; init; }
    }
}
