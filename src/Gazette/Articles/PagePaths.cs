using System.Data.Common;
using Dapper;

namespace Gazette.Articles;

/// <summary>Where a page is: its path, and the ancestors it passes through (a change to any of them moves it).</summary>
public sealed record PagePlace(string Path, IReadOnlyList<long> Ancestors);

/// <summary>A page's path: its published ancestors' slugs, then its own (/about/masthead/).</summary>
public static class PagePaths
{
    private const int MaxDepth = 8;

    /// <summary>
    /// The place of a published page, or null when an ancestor is not published
    /// (or the chain is deeper than 8), so a path never gives a draft's slug away.
    /// </summary>
    public static async Task<PagePlace?> OfAsync(DbConnection connection, DbTransaction? transaction, Article page, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var segments = new List<string> { page.Slug };
        var ancestors = new List<long>();
        for (var parentId = page.ParentId; parentId is not null;)
        {
            var parent = segments.Count > MaxDepth ? null : await connection.QuerySingleOrDefaultAsync<Article>(new CommandDefinition(
                $"select {ArticleStore.Columns} from articles where id = @parentId and kind = 'page' and status = 'published' and published_at <= @now",
                new { parentId, now }, transaction, cancellationToken: cancellationToken));
            if (parent is null)
            {
                return null;
            }
            segments.Insert(0, parent.Slug);
            ancestors.Add(parent.Id);
            parentId = parent.ParentId;
        }
        return new PagePlace("/" + string.Join('/', segments) + "/", ancestors);
    }
}
