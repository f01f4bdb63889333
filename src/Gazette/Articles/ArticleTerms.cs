using System.Data.Common;
using Dapper;
using Gazette.Kernel;

namespace Gazette.Articles;

/// <summary>
/// Where an article is counted: the site's total of its kind (<see cref="Kind"/>) when
/// published, and its sections and tags when it is a published article.
/// </summary>
public sealed record Filed(string? Kind, IReadOnlyCollection<long> Sections, IReadOnlyCollection<long> Tags)
{
    public static readonly Filed None = new(null, [], []);

    public static Filed Counted(string kind, string status, IReadOnlyCollection<long> sections, IReadOnlyCollection<long> tags) =>
        status != ArticleStatus.Published ? None
        : kind == ArticleKind.Article ? new(kind, sections, tags)
        : new(kind, [], []);
}

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
    /// Files the article under exactly these sections and tags (by name, then by
    /// the slug made from it; made when new, duplicates dropped); returns their ids and whether a section was created.
    /// </summary>
    public static Task<(List<long> SectionIds, List<long> TagIds, bool SectionCreated)> FileAsync(
        DbConnection connection, DbTransaction transaction, long articleId, IReadOnlyList<string> sections, IReadOnlyList<string> tags, CancellationToken cancellationToken) =>
        FileAsync(connection, transaction, articleId, [.. sections.Select(name => TermKey.Named("sections", name))], [.. tags.Select(name => TermKey.Named("tags", name))], cancellationToken);

    /// <summary>Files the article under exactly these sections and tags, each found by its slug and made with its name and description when new.</summary>
    public static async Task<(List<long> SectionIds, List<long> TagIds, bool SectionCreated)> FileAsync(
        DbConnection connection, DbTransaction transaction, long articleId, IReadOnlyList<TermKey> sections, IReadOnlyList<TermKey> tags, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            "delete from article_sections where article_id = @articleId", new { articleId }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "delete from article_tags where article_id = @articleId", new { articleId }, transaction, cancellationToken: cancellationToken));
        var sectionIds = new List<long>();
        var created = false;
        foreach (var term in sections)
        {
            var (sectionId, isNew) = await EnsureAsync(connection, transaction, "sections", term, cancellationToken);
            if (sectionIds.Contains(sectionId))
            {
                continue;
            }
            await connection.ExecuteAsync(new CommandDefinition(
                "insert into article_sections (article_id, section_id, position, published_at) select @articleId, @sectionId, @position, published_at from articles where id = @articleId",
                new { articleId, sectionId, position = sectionIds.Count }, transaction, cancellationToken: cancellationToken));
            sectionIds.Add(sectionId);
            created |= isNew;
        }
        var tagIds = new List<long>();
        foreach (var term in tags)
        {
            var (tagId, _) = await EnsureAsync(connection, transaction, "tags", term, cancellationToken);
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
    /// Moves the stored counts from where the article was counted to where it is
    /// counted now (<see cref="Filed.Counted"/>): one row update per section or tag
    /// it entered or left, and the site's totals by kind (<c>article_totals</c>,
    /// decision 165), so a save costs the same at a million articles as at ten
    /// (decision 76). Returns true when a section gained its first published article
    /// or lost its last: the masthead lists sections with articles, so every page changes.
    /// </summary>
    public static async Task<bool> CountAsync(DbConnection connection, DbTransaction transaction, Filed before, Filed after, CancellationToken cancellationToken)
    {
        if (before.Kind != after.Kind)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "update article_totals set published = published + @delta where kind = @kind",
                new[] { (Kind: before.Kind, Delta: -1), (Kind: after.Kind, Delta: 1) }.Where(change => change.Kind is not null).Select(change => new { kind = change.Kind, delta = change.Delta }),
                transaction, cancellationToken: cancellationToken));
        }
        var navigationChanged = false;
        foreach (var (id, delta) in Deltas(before.Sections, after.Sections))
        {
            var count = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                "update sections set article_count = article_count + @delta where id = @id returning article_count",
                new { id, delta }, transaction, cancellationToken: cancellationToken));
            navigationChanged |= delta > 0 ? count == 1 : count == 0;
        }
        await connection.ExecuteAsync(new CommandDefinition(
            "update tags set article_count = article_count + @delta where id = @id",
            Deltas(before.Tags, after.Tags).Select(change => new { id = change.Id, delta = change.Delta }), transaction, cancellationToken: cancellationToken));
        return navigationChanged;
    }

    private static IEnumerable<(long Id, int Delta)> Deltas(IReadOnlyCollection<long> before, IReadOnlyCollection<long> after) =>
        before.Except(after).Select(id => (id, -1)).Concat(after.Except(before).Select(id => (id, 1)));

    /// <summary>The section with the term's slug, made with its name and description when new.</summary>
    public static async Task<long> EnsureSectionAsync(DbConnection connection, DbTransaction transaction, TermKey term, CancellationToken cancellationToken) =>
        (await EnsureAsync(connection, transaction, "sections", term, cancellationToken)).Id;

    /// <summary>The section or tag (<paramref name="table"/>) with the term's slug, and whether it was made now.</summary>
    public static async Task<(long Id, bool Created)> EnsureAsync(DbConnection connection, DbTransaction transaction, string table, TermKey term, CancellationToken cancellationToken)
    {
        // A term's slug need not be its name's (an imported "Local News" lives at /section/local/): a name finds the term that has it before a slug is made from it.
        if (term.ByName && await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                $"select min(id) from {table} where name = @name", new { name = term.Name.Trim() }, transaction, cancellationToken: cancellationToken)) is { } named)
        {
            return (named, false);
        }
        var slug = ReservedWords.IsReserved(term.Slug) ? term.Slug + "-" + table[..^1] : term.Slug;
        var insert = table == "sections"
            ? "insert into sections (slug, name, description, article_count) values (@slug, @name, @description, 0) on conflict (slug) do nothing"
            : "insert into tags (slug, name, description, article_count) values (@slug, @name, @description, 0) on conflict (slug) do nothing";
        var created = await connection.ExecuteAsync(new CommandDefinition(insert, new { slug, name = term.Name.Trim(), description = term.Description.Trim() }, transaction, cancellationToken: cancellationToken)) == 1;
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"select id from {table} where slug = @slug", new { slug }, transaction, cancellationToken: cancellationToken));
        return (id, created);
    }
}

/// <summary>
/// A section or tag as filed: its slug (the key), and the name and description it gets when new;
/// <see cref="ByName"/> when an editor named it, so a term that already has the name is that term.
/// </summary>
public sealed record TermKey(string Slug, string Name, string Description = "", bool ByName = false)
{
    /// <summary>A term named by an editor: the term with that name, else the one with the slug made from it.</summary>
    public static TermKey Named(string table, string name) => new(Normalized.Slug(name), name, ByName: true);
}
