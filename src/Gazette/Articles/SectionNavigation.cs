using Dapper;
using Gazette.Events;
using Gazette.Rendering;
using Gazette.Settings.Contracts;
using Gazette.Storage;
using Gazette.Web;

namespace Gazette.Articles;

/// <summary>A section as the navigation page shows it: whether it is in the masthead, and where.</summary>
public sealed record NavigationRow(string Slug, string Name, int ArticleCount, bool Shown, int Order)
{
    /// <summary>The order as typed, when a refused form comes back.</summary>
    public string? Typed { get; init; }
}

/// <summary>What an editor ticked and numbered for one section.</summary>
public sealed record NavigationChoice(string Slug, bool Shown, string Order);

/// <summary>
/// The masthead's sections. Until an editor chooses them, the busiest sections
/// with articles (the first releases' rule); once chosen, those sections in the
/// editor's order, each shown while it has published articles. The choice is
/// one setting (<see cref="Key"/>: section slugs, one a line), saved through
/// <see cref="ISettings"/>, so every node rereads it into configuration and
/// drops its cached pages, and a page reads it without a query.
/// </summary>
public sealed class SectionNavigation(Database database, TaxonomyStore taxonomy, ISettings settings, UnitsOfWork units, IConfiguration configuration) : ISiteNavigation
{
    public const string Key = "Gazette:Navigation:Sections";
    public const int MaxOrder = 999;

    /// <summary>The slugs an editor chose, in order, or null while the busiest sections are shown.</summary>
    public IReadOnlyList<string>? Chosen() =>
        configuration[Key] is { } value ? value.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : null;

    public async Task<IReadOnlyList<LinkView>> ListAsync(int limit, CancellationToken cancellationToken) =>
        [.. (await SectionsAsync(limit, cancellationToken)).Select(section => new LinkView(section.Name, Permalinks.Section(section.Slug)))];

    /// <summary>The sections the masthead shows, in its order (the home page's section blocks follow it too).</summary>
    public async Task<IReadOnlyList<Term>> SectionsAsync(int limit, CancellationToken cancellationToken)
    {
        var chosen = Chosen();
        return chosen is null
            ? await taxonomy.ListSectionsAsync(limit, cancellationToken)
            : await ShownAsync(chosen, cancellationToken);
    }

    /// <summary>Every section, those in the navigation first in their order, then the rest by name.</summary>
    public async Task<IReadOnlyList<NavigationRow>> RowsAsync(CancellationToken cancellationToken = default)
    {
        var all = await AllAsync(cancellationToken);
        var shown = (Chosen() ?? (await taxonomy.ListSectionsAsync(PageRenderer.NavigationSections, cancellationToken)).Select(section => section.Slug)).ToList();
        return
        [
            .. all.Select(section => (section, position: shown.IndexOf(section.Slug)))
                .OrderBy(row => row.position < 0 ? int.MaxValue : row.position).ThenBy(row => row.section.Name, StringComparer.OrdinalIgnoreCase)
                .Select((row, index) => new NavigationRow(row.section.Slug, row.section.Name, row.section.ArticleCount, row.position >= 0, (index + 1) * 10)),
        ];
    }

    /// <summary>
    /// Keeps the ticked sections in the order of their numbers (a tie keeps the
    /// order they were listed in). Errors by section slug; nothing is saved when there are any.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> SaveAsync(NewsroomUser actor, IReadOnlyList<NavigationChoice> choices, CancellationToken cancellationToken = default)
    {
        Authorize(actor);
        var known = (await AllAsync(cancellationToken)).Select(section => section.Slug).ToHashSet(StringComparer.Ordinal);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var kept = new List<(string Slug, int Order, int Listed)>();
        foreach (var (choice, listed) in choices.Select((choice, index) => (choice, index)))
        {
            if (!known.Contains(choice.Slug))
            {
                errors[choice.Slug] = "There is no such section any more.";
            }
            else if (!int.TryParse(choice.Order.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var order) || order > MaxOrder)
            {
                errors[choice.Slug] = $"Enter a whole number from 0 to {MaxOrder}.";
            }
            else if (choice.Shown)
            {
                kept.Add((choice.Slug, order, listed));
            }
        }
        if (errors.Count > 0)
        {
            return errors;
        }
        var value = string.Join('\n', kept.OrderBy(row => row.Order).ThenBy(row => row.Listed).Select(row => row.Slug).Distinct(StringComparer.Ordinal));
        await StoreAsync(actor, value, cancellationToken);
        return errors;
    }

    /// <summary>Back to the busiest sections.</summary>
    public Task ResetAsync(NewsroomUser actor, CancellationToken cancellationToken = default)
    {
        Authorize(actor);
        return StoreAsync(actor, null, cancellationToken);
    }

    /// <summary>The sections with published articles, by name, with their counts: the public Sections page.</summary>
    public async Task<IReadOnlyList<(Term Section, Term? Parent)>> ListVisibleAsync(CancellationToken cancellationToken = default)
    {
        var all = await AllAsync(cancellationToken);
        var byId = all.ToDictionary(section => section.Id);
        return [.. all.Where(section => section.ArticleCount > 0).Select(section => (section, section.ParentId is { } parent ? byId.GetValueOrDefault(parent) : null))];
    }

    private async Task StoreAsync(NewsroomUser actor, string? value, CancellationToken cancellationToken)
    {
        await using var work = await units.BeginAsync(cancellationToken);
        await settings.SetAsync(work, Key, value, cancellationToken);
        await work.AuditAsync(new AuditActor(actor.Id, actor.Name), value is null ? "navigation.reset" : "navigation.changed", "settings", "navigation", value?.Replace('\n', ' ') ?? "", cancellationToken);
        await work.CommitAsync(cancellationToken);
    }

    private async Task<List<Term>> ShownAsync(IReadOnlyList<string> slugs, CancellationToken cancellationToken)
    {
        var sections = (await AllAsync(cancellationToken)).Where(section => section.ArticleCount > 0).ToDictionary(section => section.Slug, StringComparer.Ordinal);
        return [.. slugs.Select(slug => sections.GetValueOrDefault(slug)).OfType<Term>()];
    }

    private async Task<List<Term>> AllAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Term>(new CommandDefinition(
            "select id, slug, name, description, article_count, parent_id from sections", cancellationToken: cancellationToken));
        // Sorted here: the two databases collate names differently.
        return [.. rows.OrderBy(section => section.Name, StringComparer.OrdinalIgnoreCase).ThenBy(section => section.Slug, StringComparer.Ordinal)];
    }

    private static void Authorize(NewsroomUser actor)
    {
        if (!actor.CanEditOthers)
        {
            throw new UnauthorizedAccessException("Only editors and administrators arrange the navigation.");
        }
    }
}
