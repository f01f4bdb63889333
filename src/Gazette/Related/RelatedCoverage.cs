using Dapper;
using Gazette.Articles.Contracts;
using Gazette.Events;
using Gazette.Storage;

namespace Gazette.Related;

/// <summary>Some articles' related coverage was stored anew: their pages must be rendered again.</summary>
public sealed record RelatedCoverageChanged(IReadOnlyList<long> ArticleIds);

/// <summary>
/// Keeps each public article's related coverage in <c>related_articles</c>,
/// computed from what <see cref="IPublicArticles"/> lets the public see, so
/// the page only reads three ids. A computation reads a bounded number of
/// candidates (<see cref="MaxTags"/> tags of <see cref="PerTag"/> articles,
/// and the newest <see cref="TextPool"/> of its section and of the site),
/// however many articles a tag has. Doing it twice changes nothing.
/// </summary>
public sealed class RelatedCoverage(Database database, UnitsOfWork units, IPublicArticles articles) : IPublicArticleProjection
{
    public const int MaxTags = 8;
    public const int PerTag = 40;
    public const int TextPool = 100;
    private const int BuildBatch = 50;

    public string CursorName => "related:coverage";

    public string BuildJobName => "related:build";

    public int BuildStepsPerRun => 4;

    /// <summary>
    /// Recomputes the articles that changed. One the public can no longer see
    /// loses its list and leaves every list that named it; a visible one also
    /// has the articles it now names recomputed (one level, no further), so a
    /// new story appears beside the coverage it links to.
    /// </summary>
    public async Task RefreshAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        var lists = new Dictionary<long, IReadOnlyList<long>>();
        var pools = new CandidatePools(articles);
        foreach (var id in ids)
        {
            var list = await ComputeAsync(id, pools, cancellationToken);
            lists[id] = list ?? [];
            var around = list ?? await ShowingAsync(id, cancellationToken);
            foreach (var other in around.Where(other => !lists.ContainsKey(other) && !ids.Contains(other)))
            {
                lists[other] = await ComputeAsync(other, pools, cancellationToken) ?? [];
            }
        }
        await SaveAsync(lists, cancellationToken);
    }

    /// <summary>The ids an article shows, in order, as last computed; the page still checks that each is public.</summary>
    public async Task<IReadOnlyList<long>> ReadAsync(long articleId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var ids = await connection.QueryAsync<long>(new CommandDefinition(
            "select related_id from related_articles where article_id = @articleId order by position",
            new { articleId }, cancellationToken: cancellationToken));
        return ids.AsList();
    }

    /// <summary>
    /// One step of the build (an upgraded site, a restore): the next public
    /// articles after the stored place, recomputed; false once every article
    /// has been seen. Lists that come out the same are not written again.
    /// </summary>
    public async Task<bool> BuildStepAsync(CancellationToken cancellationToken)
    {
        (long LastId, bool Done) state;
        await using (var reader = await database.OpenAsync(cancellationToken))
        {
            state = await reader.QuerySingleAsync<(long, bool)>(new CommandDefinition(
                "select last_id, done from related_build where id = 1", cancellationToken: cancellationToken));
        }
        if (state.Done)
        {
            return false;
        }
        var batch = new List<long>();
        await foreach (var location in articles.LocationsAsync("article", state.LastId, BuildBatch, cancellationToken))
        {
            batch.Add(location.Id);
        }
        var lists = new Dictionary<long, IReadOnlyList<long>>();
        var pools = new CandidatePools(articles);
        foreach (var id in batch)
        {
            lists[id] = await ComputeAsync(id, pools, cancellationToken) ?? [];
        }
        await SaveAsync(lists, cancellationToken);
        await SaveBuildAsync(batch.Count > 0 ? batch[^1] : state.LastId, batch.Count == 0, cancellationToken);
        return batch.Count > 0;
    }

    /// <summary>
    /// After a restore the events the subscriber had not yet handled are gone:
    /// every list is recomputed, while the stored ones keep showing meanwhile.
    /// </summary>
    public Task ResetAsync(CancellationToken cancellationToken) => SaveBuildAsync(0, false, cancellationToken);

    private async Task SaveBuildAsync(long lastId, bool done, CancellationToken cancellationToken)
    {
        using var turn = await database.WaitForWriteTurnAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "update related_build set last_id = @lastId, done = @done where id = 1",
            new { lastId, done }, cancellationToken: cancellationToken));
    }

    /// <summary>The article's related coverage, or null when the public cannot see it.</summary>
    private async Task<IReadOnlyList<long>?> ComputeAsync(long id, CandidatePools pools, CancellationToken cancellationToken)
    {
        if (await articles.FindAsync(id, cancellationToken) is not { } subject)
        {
            return null;
        }
        if (subject.Kind != "article")
        {
            return [];
        }
        var candidates = new List<PublicArticle>();
        foreach (var tag in subject.Tags.Take(MaxTags))
        {
            candidates.AddRange(await pools.LatestAsync(new PublicArticleFilter(PerTag, TagId: tag.Id), cancellationToken));
        }
        if (subject.Sections.Count > 0)
        {
            candidates.AddRange(await pools.LatestAsync(new PublicArticleFilter(TextPool, SectionId: subject.Sections[0].Id), cancellationToken));
        }
        candidates.AddRange(await pools.LatestAsync(new PublicArticleFilter(TextPool), cancellationToken));
        return RelatedRanking.Choose(subject, candidates);
    }

    private async Task<IReadOnlyList<long>> ShowingAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var ids = await connection.QueryAsync<long>(new CommandDefinition(
            "select article_id from related_articles where related_id = @id", new { id }, cancellationToken: cancellationToken));
        return ids.AsList();
    }

    /// <summary>Stores the lists that differ from what is stored, and tells every node which pages to drop.</summary>
    private async Task SaveAsync(Dictionary<long, IReadOnlyList<long>> lists, CancellationToken cancellationToken)
    {
        if (lists.Count == 0)
        {
            return;
        }
        await using var work = await units.BeginAsync(cancellationToken);
        var changed = new List<long>();
        foreach (var (articleId, list) in lists)
        {
            var stored = await work.Connection.QueryAsync<long>(work.Command(
                "select related_id from related_articles where article_id = @articleId order by position", new { articleId }, cancellationToken));
            if (stored.SequenceEqual(list))
            {
                continue;
            }
            await work.Connection.ExecuteAsync(work.Command("delete from related_articles where article_id = @articleId", new { articleId }, cancellationToken));
            await work.Connection.ExecuteAsync(work.Command(
                // Two runs can overlap (a leader's, and one that outlived its leadership): the later one's list stands.
                """
                insert into related_articles (article_id, position, related_id) values (@articleId, @position, @relatedId)
                on conflict (article_id, position) do update set related_id = excluded.related_id
                """,
                list.Select((relatedId, index) => new { articleId, position = index + 1, relatedId }),
                cancellationToken));
            changed.Add(articleId);
        }
        if (changed.Count > 0)
        {
            await work.RaiseAsync(new RelatedCoverageChanged(changed), cancellationToken);
        }
        await work.CommitAsync(cancellationToken);
    }
}
