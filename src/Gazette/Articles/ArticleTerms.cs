using System.Data.Common;
using Dapper;
using Gazette.Kernel;

namespace Gazette.Articles;

/// <summary>
/// An article's sections and tags inside a unit of work: made on the fly from
/// their names, linked, and counted, so listings never count at read time.
/// </summary>
public static class ArticleTerms
{
    /// <summary>The ids of the sections (in their order) and tags (by id) an article is filed under.</summary>
    public static async Task<(List<long> SectionIds, List<long> TagIds)> IdsAsync(DbConnection connection, DbTransaction transaction, long articleId, CancellationToken cancellationToken)
    {
        var sections = await connection.QueryAsync<long>(new CommandDefinition(
            "select section_id from article_sections where article_id = @articleId order by position", new { articleId }, transaction, cancellationToken: cancellationToken));
        var tags = await connection.QueryAsync<long>(new CommandDefinition(
            "select tag_id from article_tags where article_id = @articleId order by tag_id", new { articleId }, transaction, cancellationToken: cancellationToken));
        return (sections.AsList(), tags.AsList());
    }

    /// <summary>The names of the sections (in their order) and tags (by name) an article is filed under.</summary>
    public static async Task<(List<string> Sections, List<string> Tags)> NamesAsync(DbConnection connection, DbTransaction? transaction, long articleId, CancellationToken cancellationToken)
    {
        var sections = await connection.QueryAsync<string>(new CommandDefinition(
            "select s.name from article_sections x join sections s on s.id = x.section_id where x.article_id = @articleId order by x.position",
            new { articleId }, transaction, cancellationToken: cancellationToken));
        var tags = await connection.QueryAsync<string>(new CommandDefinition(
            "select t.name from article_tags x join tags t on t.id = x.tag_id where x.article_id = @articleId order by t.name",
            new { articleId }, transaction, cancellationToken: cancellationToken));
        return (sections.AsList(), tags.AsList());
    }

    /// <summary>
    /// Files the article under exactly these sections and tags (by name, made
    /// when new, duplicates by slug dropped); returns their ids and whether a section was created.
    /// </summary>
    public static async Task<(List<long> SectionIds, List<long> TagIds, bool SectionCreated)> FileAsync(
        DbConnection connection, DbTransaction transaction, long articleId, IReadOnlyList<string> sections, IReadOnlyList<string> tags, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            "delete from article_sections where article_id = @articleId", new { articleId }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "delete from article_tags where article_id = @articleId", new { articleId }, transaction, cancellationToken: cancellationToken));
        var sectionIds = new List<long>();
        var created = false;
        foreach (var name in sections)
        {
            var (sectionId, isNew) = await EnsureAsync(connection, transaction, "sections", name, cancellationToken);
            if (sectionIds.Contains(sectionId))
            {
                continue;
            }
            await connection.ExecuteAsync(new CommandDefinition(
                "insert into article_sections (article_id, section_id, position) values (@articleId, @sectionId, @position)",
                new { articleId, sectionId, position = sectionIds.Count }, transaction, cancellationToken: cancellationToken));
            sectionIds.Add(sectionId);
            created |= isNew;
        }
        var tagIds = new List<long>();
        foreach (var name in tags)
        {
            var (tagId, _) = await EnsureAsync(connection, transaction, "tags", name, cancellationToken);
            if (tagIds.Contains(tagId))
            {
                continue;
            }
            await connection.ExecuteAsync(new CommandDefinition(
                "insert into article_tags (article_id, tag_id) values (@articleId, @tagId)",
                new { articleId, tagId }, transaction, cancellationToken: cancellationToken));
            tagIds.Add(tagId);
        }
        return (sectionIds, tagIds, created);
    }

    /// <summary>A section's or tag's slug: a reserved word gets the kind appended, so no archive shadows a route.</summary>
    public static string Slug(string table, string name)
    {
        var slug = Normalized.Slug(name);
        return ReservedWords.IsReserved(slug) ? slug + "-" + table[..^1] : slug;
    }

    /// <summary>
    /// Counts are recomputed for the touched sections and tags only, at write time,
    /// so pages never count. One statement per id: Dapper expands "in @list" on
    /// SQLite but sends an array on PostgreSQL, so no list syntax serves both.
    /// Returns true when a section gained its first published article or lost its
    /// last: the masthead lists sections with articles, so every page changes.
    /// </summary>
    public static async Task<bool> RecountAsync(DbConnection connection, DbTransaction transaction, IReadOnlyCollection<long> sectionIds, IReadOnlyCollection<long> tagIds, CancellationToken cancellationToken)
    {
        var emptyBefore = await EmptySectionsAsync(connection, transaction, sectionIds, cancellationToken);
        await RecountTermsAsync(connection, transaction, "sections", "article_sections", "section_id", sectionIds, cancellationToken);
        await RecountTermsAsync(connection, transaction, "tags", "article_tags", "tag_id", tagIds, cancellationToken);
        var emptyAfter = await EmptySectionsAsync(connection, transaction, sectionIds, cancellationToken);
        return !emptyBefore.SetEquals(emptyAfter);
    }

    private static async Task<(long Id, bool Created)> EnsureAsync(DbConnection connection, DbTransaction transaction, string table, string name, CancellationToken cancellationToken)
    {
        var slug = Slug(table, name);
        var insert = table == "sections"
            ? "insert into sections (slug, name, description, article_count) values (@slug, @name, '', 0) on conflict (slug) do nothing"
            : "insert into tags (slug, name, article_count) values (@slug, @name, 0) on conflict (slug) do nothing";
        var created = await connection.ExecuteAsync(new CommandDefinition(insert, new { slug, name = name.Trim() }, transaction, cancellationToken: cancellationToken)) == 1;
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"select id from {table} where slug = @slug", new { slug }, transaction, cancellationToken: cancellationToken));
        return (id, created);
    }

    private static async Task<HashSet<long>> EmptySectionsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        var empty = new HashSet<long>();
        foreach (var id in ids)
        {
            if (await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                    "select article_count from sections where id = @id", new { id }, transaction, cancellationToken: cancellationToken)) == 0)
            {
                empty.Add(id);
            }
        }
        return empty;
    }

    private static async Task RecountTermsAsync(DbConnection connection, DbTransaction transaction, string terms, string links, string key, IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            update {terms} set article_count = (
                select count(*) from {links} x join articles a on a.id = x.article_id
                where x.{key} = {terms}.id and a.kind = 'article' and a.status = 'published')
            where id = @id
            """,
            ids.Select(id => new { id }), transaction, cancellationToken: cancellationToken));
}
