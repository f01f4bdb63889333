using System.Globalization;
using Dapper;
using Gazette.Articles.Contracts;
using Gazette.Events;
using Gazette.Kernel;
using Gazette.Web;

namespace Gazette.Articles;

/// <summary>
/// <see cref="ITermWrites"/>: sections are the site's structure, so editors
/// make them (as WordPress's <c>manage_categories</c>); tags are words any
/// member files by, so any member makes them (WordPress's <c>assign_terms</c>).
/// A name a term already has is that term (<see cref="TermKey.ByName"/>); a
/// slug made from the name that another term holds gets a number, a slug asked
/// for that another term holds is refused.
/// </summary>
public sealed class TermWrites(UnitsOfWork units) : ITermWrites
{
    public const int MaxName = 200;

    public async Task<TermWriteResult> CreateAsync(NewsroomUser actor, TermWrite write, CancellationToken cancellationToken = default)
    {
        var table = write.Kind == PublicTermKind.Section ? TermDescriptions.Sections : TermDescriptions.Tags;
        if (write.Kind == PublicTermKind.Section && !actor.CanEditOthers)
        {
            return new(TermWriteOutcome.Forbidden, null);
        }
        var key = TermKey.Named(table, write.Name);
        var name = key.Name.Trim();
        var description = (write.Description ?? "").Trim();
        var asked = string.IsNullOrWhiteSpace(write.Slug) ? null : Normalized.Slug(write.Slug);
        var problem =
            name.Length == 0 ? (TermWriteFields.Name, "A name is required for this term.")
            : name.Length > MaxName ? (TermWriteFields.Name, $"Keep the name under {MaxName} characters.")
            : asked is { Length: 0 } ? (TermWriteFields.Slug, "The slug needs a letter or a digit.")
            : description.Length > TermDescriptions.MaxLength ? (TermWriteFields.Description, $"Keep the description under {TermDescriptions.MaxLength} characters.")
            : ((string, string)?)null;
        if (problem is { } refused)
        {
            return new(TermWriteOutcome.Invalid, null, refused.Item1, refused.Item2);
        }
        var stem = asked ?? ArticleTerms.Slug(table, name);
        if (stem.Length == 0)
        {
            stem = table[..^1];
        }
        await using var work = await units.BeginAsync(cancellationToken);
        if (await work.Connection.ExecuteScalarAsync<long?>(work.Command($"select min(id) from {table} where name = @name", new { name }, cancellationToken)) is { } existing)
        {
            return new(TermWriteOutcome.Exists, existing);
        }
        var slug = stem;
        for (var n = 2; await work.Connection.ExecuteScalarAsync<long?>(work.Command($"select id from {table} where slug = @slug", new { slug }, cancellationToken)) is not null; n++)
        {
            if (asked is not null)
            {
                return new(TermWriteOutcome.SlugTaken, null, TermWriteFields.Slug, $"The slug “{asked}” is already in use by another term.");
            }
            slug = stem + "-" + n.ToString(CultureInfo.InvariantCulture);
        }
        var id = await work.Connection.ExecuteScalarAsync<long>(work.Command(
            $"insert into {table} (slug, name, description, article_count) values (@slug, @name, @description, 0) returning id",
            new { slug, name, description }, cancellationToken));
        await work.RaiseAsync(new TermCreated(table, id), cancellationToken);
        if (write.Kind == PublicTermKind.Section && write.ParentId is { } parentId)
        {
            if (await SectionTree.PlaceAsync(work.Connection, work.Transaction, id, parentId, cancellationToken) is { } refusal)
            {
                return new(TermWriteOutcome.Invalid, null, TermWriteFields.Parent, refusal);
            }
            await work.RaiseAsync(new SectionMoved(id, null, parentId), cancellationToken);
        }
        await work.CommitAsync(cancellationToken);
        return new(TermWriteOutcome.Done, id);
    }
}
