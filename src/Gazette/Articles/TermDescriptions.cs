using Dapper;
using Gazette.Events;
using Gazette.Storage;
using Gazette.Web;

namespace Gazette.Articles;

/// <summary>A section's or tag's description changed: its archive shows it (and the Sections page, a section's).</summary>
public sealed record TermDescribed(string Kind, long TermId);

/// <summary>Editors describe sections and tags: a line or two under the archive's heading and in its meta description.</summary>
public sealed class TermDescriptions(Database database, UnitsOfWork units)
{
    public const int MaxLength = 500;

    /// <summary>How many tags the page lists: the busiest ones (a site can have tens of thousands).</summary>
    public const int TagLimit = 200;

    public const string Sections = "sections";

    public const string Tags = "tags";

    /// <summary>Every section by name, and the busiest tags.</summary>
    public async Task<(IReadOnlyList<Term> Sections, IReadOnlyList<Term> Tags)> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var sections = await connection.QueryAsync<Term>(new CommandDefinition(
            "select id, slug, name, description, article_count from sections", cancellationToken: cancellationToken));
        var tags = await connection.QueryAsync<Term>(new CommandDefinition(
            "select id, slug, name, description, article_count from tags order by article_count desc, id limit @limit",
            new { limit = TagLimit }, cancellationToken: cancellationToken));
        // Sorted here: the two databases collate names differently.
        return ([.. sections.OrderBy(term => term.Name, StringComparer.OrdinalIgnoreCase)], [.. tags.OrderBy(term => term.Name, StringComparer.OrdinalIgnoreCase)]);
    }

    /// <summary>Saves the description; the error to show when it cannot be (too long, no such term), else null.</summary>
    public async Task<string?> SaveAsync(NewsroomUser actor, string kind, long id, string description, CancellationToken cancellationToken = default)
    {
        if (!actor.CanEditOthers)
        {
            throw new UnauthorizedAccessException("Only editors and administrators describe sections and tags.");
        }
        if (kind is not (Sections or Tags))
        {
            return "There is no such kind of term.";
        }
        var text = description.Trim();
        if (text.Length > MaxLength)
        {
            return $"A description is at most {MaxLength} characters; this one is {text.Length}.";
        }
        await using var work = await units.BeginAsync(cancellationToken);
        if (await work.Connection.ExecuteAsync(work.Command($"update {kind} set description = @text where id = @id", new { text, id }, cancellationToken)) == 0)
        {
            return "That section or tag no longer exists.";
        }
        await work.RaiseAsync(new TermDescribed(kind, id), cancellationToken);
        await work.AuditAsync(new AuditActor(actor.Id, actor.Name), "term.described", kind, id.ToString(System.Globalization.CultureInfo.InvariantCulture), text, cancellationToken);
        await work.CommitAsync(cancellationToken);
        return null;
    }
}
