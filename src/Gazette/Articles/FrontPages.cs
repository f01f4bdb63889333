using Dapper;
using Gazette.Media.Contracts;
using Gazette.Rendering;
using Gazette.Storage;

namespace Gazette.Articles;

/// <summary>The top of a front as readers see it: the lead (null when the newest story leads) and the featured, public ones only, in the editor's order.</summary>
public sealed record FrontTop(CardRow? Lead, IReadOnlyList<CardRow> Featured)
{
    public IEnumerable<long> Ids => Featured.Select(row => row.Id).Concat(Lead is null ? [] : [Lead.Id]);
}

/// <summary>
/// What a front shows above its latest stories (decision 141): the editors'
/// picks, and on the home page a block of latest stories per section of the
/// navigation, whose order the editors chose too. The theme lays them out.
/// </summary>
public sealed class FrontPages(Database database, PublicArticleReader reader, SectionNavigation navigation, IEnumerable<IImageLookup> images, Permalinks links, SiteTime time)
{
    /// <summary>How many stories a section's block on the home page carries; the theme may show fewer.</summary>
    public const int SectionBlockCards = 4;

    public async Task<FrontTop> TopAsync(long? sectionId, CancellationToken cancellationToken)
    {
        IReadOnlyList<(int Position, long ArticleId)> picks;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            picks = (await connection.QueryAsync<(int Position, long ArticleId)>(new CommandDefinition(
                "select position, article_id from front_picks where coalesce(section_id, 0) = @front order by position",
                new { front = sectionId ?? 0 }, cancellationToken: cancellationToken))).AsList();
        }
        var cards = (await reader.CardsAsync([.. picks.Select(pick => pick.ArticleId)], cancellationToken)).ToDictionary(row => row.Id);
        var leadId = picks.Where(pick => pick.Position == FrontDesk.LeadPosition).Select(pick => (long?)pick.ArticleId).FirstOrDefault();
        var lead = leadId is { } id ? cards.GetValueOrDefault(id) : null;
        return new FrontTop(lead, [.. picks.Where(pick => pick.Position != FrontDesk.LeadPosition).Select(pick => cards.GetValueOrDefault(pick.ArticleId)).OfType<CardRow>()]);
    }

    /// <summary>The navigation's sections, each with its latest stories, leaving out <paramref name="shown"/>; a section with none left is left out.</summary>
    public async Task<IReadOnlyList<(Term Section, IReadOnlyList<CardRow> Rows)>> SectionBlocksAsync(IReadOnlySet<long> shown, CancellationToken cancellationToken)
    {
        var blocks = new List<(Term, IReadOnlyList<CardRow>)>();
        foreach (var section in await navigation.SectionsAsync(PageRenderer.NavigationSections, cancellationToken))
        {
            var rows = await reader.ListAsync(new ListCardsRequest(SectionBlockCards + shown.Count, SectionId: section.Id), cancellationToken);
            var kept = rows.Where(row => !shown.Contains(row.Id)).Take(SectionBlockCards).ToList();
            if (kept.Count > 0)
            {
                blocks.Add((section, kept));
            }
        }
        return blocks;
    }

    /// <summary>The featured images of all these cards, read at once.</summary>
    public async Task<IReadOnlyDictionary<long, ImageView>> ImagesAsync(IEnumerable<CardRow> rows, CancellationToken cancellationToken)
    {
        var ids = rows.Select(row => row.FeaturedMediaId).OfType<long>().ToHashSet();
        return images.FirstOrDefault() is { } library && ids.Count > 0 ? await library.FindManyAsync(ids, cancellationToken) : new Dictionary<long, ImageView>();
    }

    public ArticleCard Card(CardRow row, IReadOnlyDictionary<long, ImageView> pictures) => ArticleViewFactory.Card(row, links, time, pictures);
}
