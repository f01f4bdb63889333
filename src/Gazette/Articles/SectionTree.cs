using System.Data.Common;
using Dapper;

namespace Gazette.Articles;

/// <summary>
/// Sections under sections, as WordPress's categories nest (News > Local):
/// the parent is one column (<c>sections.parent_id</c>), walked by a recursive
/// query over its index, so a section's whole branch costs one small query
/// whatever the number of articles. A section is never placed under itself or
/// anything beneath it, so the tree has no loops.
/// </summary>
public static class SectionTree
{
    /// <summary>The section's id and the ids of every section beneath it, at any depth.</summary>
    public static async Task<List<long>> BranchAsync(DbConnection connection, DbTransaction? transaction, long sectionId, CancellationToken cancellationToken)
    {
        // UNION, not UNION ALL: a row already found is not walked again, so even a damaged loop ends.
        var ids = await connection.QueryAsync<long>(new CommandDefinition(
            """
            with recursive branch (id) as (
                select id from sections where id = @sectionId
                union
                select s.id from sections s join branch b on s.parent_id = b.id
            )
            select id from branch
            """,
            new { sectionId }, transaction, cancellationToken: cancellationToken));
        return ids.AsList();
    }

    /// <summary>The sections directly beneath this one, by name.</summary>
    public static async Task<List<Term>> ChildrenAsync(DbConnection connection, long sectionId, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<Term>(new CommandDefinition(
            "select id, slug, name, description, article_count, parent_id from sections where parent_id = @sectionId",
            new { sectionId }, cancellationToken: cancellationToken));
        // Sorted here: the two databases collate names differently.
        return [.. rows.OrderBy(term => term.Name, StringComparer.OrdinalIgnoreCase).ThenBy(term => term.Slug, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Places the section under <paramref name="parentId"/> (null: at the top).
    /// Returns why it cannot be (no such section, under itself or beneath itself), else null, having saved it.
    /// </summary>
    public static async Task<string?> PlaceAsync(DbConnection connection, DbTransaction transaction, long sectionId, long? parentId, CancellationToken cancellationToken)
    {
        if (parentId == sectionId)
        {
            return "A section cannot sit under itself.";
        }
        if (parentId is { } parent)
        {
            if (!await ExistsAsync(connection, transaction, parent, cancellationToken))
            {
                return "That parent section no longer exists.";
            }
            if ((await BranchAsync(connection, transaction, sectionId, cancellationToken)).Contains(parent))
            {
                return "That section sits beneath this one: a section cannot sit under its own subsection.";
            }
        }
        var updated = await connection.ExecuteAsync(new CommandDefinition(
            "update sections set parent_id = @parentId where id = @sectionId", new { sectionId, parentId }, transaction, cancellationToken: cancellationToken));
        return updated == 0 ? "That section no longer exists." : null;
    }

    private static Task<bool> ExistsAsync(DbConnection connection, DbTransaction transaction, long id, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select exists (select 1 from sections where id = @id)", new { id }, transaction, cancellationToken: cancellationToken));
}
