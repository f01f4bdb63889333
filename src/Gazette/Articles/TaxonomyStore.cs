using Dapper;
using Gazette.Kernel;
using Gazette.Storage;

namespace Gazette.Articles;

public sealed record Term
{
    public long Id { get; init; }
    public required string Slug { get; init; }
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    public int ArticleCount { get; init; }

    /// <summary>The section this one sits under (<see cref="SectionTree"/>); always null for a tag.</summary>
    public long? ParentId { get; init; }
}

/// <summary>Sections (a newsroom's desks: World, Business ...) and tags, as readers reach them.</summary>
public sealed class TaxonomyStore(Database database)
{
    public async Task<Term?> FindSectionAsync(string slug, CancellationToken cancellationToken = default) =>
        await FindAsync("sections", slug, cancellationToken);

    public async Task<Term?> FindTagAsync(string slug, CancellationToken cancellationToken = default) =>
        await FindAsync("tags", slug, cancellationToken);

    /// <summary>The busiest sections with articles: the masthead until an editor chooses (<see cref="SectionNavigation"/>).</summary>
    public async Task<IReadOnlyList<Term>> ListSectionsAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Term>(new CommandDefinition(
            """
            select id, slug, name, description, article_count from sections
            where article_count > 0 order by article_count desc, name limit @limit
            """,
            new { limit },
            cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>The ids of the section and every section beneath it, and the sections directly beneath it, by name.</summary>
    public async Task<(IReadOnlyList<long> Branch, IReadOnlyList<Term> Children)> BranchAsync(long sectionId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await SectionTree.BranchAsync(connection, null, sectionId, cancellationToken), await SectionTree.ChildrenAsync(connection, sectionId, cancellationToken));
    }

    private async Task<Term?> FindAsync(string table, string slug, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Term>(new CommandDefinition(
            $"select id, slug, name, description, article_count{(table == "sections" ? ", parent_id" : "")} from {table} where slug = @slug",
            new { slug = Normalized.Slug(slug) },
            cancellationToken: cancellationToken));
    }
}
