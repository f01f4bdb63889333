using System.Globalization;
using Dapper;
using Gazette.Articles.Contracts;
using Gazette.Events;
using Gazette.Storage;
using Gazette.Web;

namespace Gazette.Articles;

/// <summary>A section as the newsroom's Sections page shows it: its place in the tree as a path of names.</summary>
public sealed record SectionPlace(Term Section, string Path);

/// <summary>Editors place sections under one another (<see cref="SectionTree"/>): never under themselves or their own subsections.</summary>
public sealed class SectionParents(Database database, UnitsOfWork units)
{
    /// <summary>Every section with its path (News / Local), in the order of the paths.</summary>
    public async Task<IReadOnlyList<SectionPlace>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var sections = (await connection.QueryAsync<Term>(new CommandDefinition(
            "select id, slug, name, description, article_count, parent_id from sections", cancellationToken: cancellationToken))).ToDictionary(section => section.Id);
        return
        [
            .. sections.Values.Select(section => new SectionPlace(section, PathOf(section, sections)))
                .OrderBy(place => place.Path, StringComparer.OrdinalIgnoreCase).ThenBy(place => place.Section.Slug, StringComparer.Ordinal),
        ];
    }

    /// <summary>
    /// Places the section under the one whose id <paramref name="parent"/> holds ("" or "0": at the top);
    /// the error to show by the field when it cannot be, else null.
    /// </summary>
    public async Task<string?> SaveAsync(NewsroomUser actor, long sectionId, string parent, CancellationToken cancellationToken = default)
    {
        if (!actor.CanEditOthers)
        {
            throw new UnauthorizedAccessException("Only editors and administrators arrange sections.");
        }
        long? parentId = null;
        if (parent.Trim() is { Length: > 0 } text && text != "0")
        {
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return "Choose a section from the list, or none.";
            }
            parentId = id;
        }
        await using var work = await units.BeginAsync(cancellationToken);
        var before = await work.Connection.QuerySingleOrDefaultAsync<Term>(work.Command(
            "select id, slug, name, description, article_count, parent_id from sections where id = @sectionId", new { sectionId }, cancellationToken));
        if (before is null)
        {
            return "That section no longer exists.";
        }
        if (before.ParentId == parentId)
        {
            return null;
        }
        if (await SectionTree.PlaceAsync(work.Connection, work.Transaction, sectionId, parentId, cancellationToken) is { } error)
        {
            return error;
        }
        await work.RaiseAsync(new SectionMoved(sectionId, before.ParentId, parentId), cancellationToken);
        await work.AuditAsync(new AuditActor(actor.Id, actor.Name), "section.moved", TermDescriptions.Sections, sectionId.ToString(CultureInfo.InvariantCulture),
            parentId?.ToString(CultureInfo.InvariantCulture) ?? "top", cancellationToken);
        await work.CommitAsync(cancellationToken);
        return null;
    }

    private static string PathOf(Term section, Dictionary<long, Term> sections)
    {
        var names = new List<string> { section.Name };
        var seen = new HashSet<long> { section.Id };
        for (var at = section; at.ParentId is { } parentId && seen.Add(parentId) && sections.TryGetValue(parentId, out var parent); at = parent)
        {
            names.Insert(0, parent.Name);
        }
        return string.Join(" / ", names);
    }
}
