using Dapper;
using Gazette.Articles.Contracts;
using Gazette.Events;
using Gazette.Jobs;
using Gazette.Storage;

namespace Gazette.Articles;

/// <summary>
/// Publishes every scheduled article whose time has come, exactly once per
/// cluster. The job runs on the leader, but leadership can overlap (a leader
/// killed mid-run, a new one starting), so it is not what makes this correct:
/// each article goes out by a conditional update from <c>scheduled</c> to
/// <c>published</c>, and only the run whose update changed the row raises
/// <see cref="ArticlePublished"/> (docs/decisions.md, 44). Articles that fell
/// due while the site was down go out at the first run after it starts.
/// </summary>
public sealed class ScheduledPublishing(Database database, UnitsOfWork units, TimeProvider time) : IPeriodicJob
{
    private const int BatchSize = 100;

    public string Name => "articles:publish-scheduled";

    public TimeSpan Interval => TimeSpan.FromSeconds(10);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (await PublishDueAsync(cancellationToken) == BatchSize)
        {
        }
    }

    /// <summary>One batch of due articles, each in its own savepoint; returns how many were due (published by this run or another).</summary>
    public async Task<int> PublishDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        List<long> due;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            due = (await connection.QueryAsync<long>(new CommandDefinition(
                "select id from articles where status = 'scheduled' and published_at <= @now order by published_at, id limit @BatchSize",
                new { now, BatchSize }, cancellationToken: cancellationToken))).AsList();
        }
        if (due.Count == 0)
        {
            return 0;
        }
        await using var work = await units.BeginAsync(cancellationToken);
        foreach (var id in due)
        {
            await work.StepAsync(() => PublishAsync(work, id, now, cancellationToken), cancellationToken);
        }
        await work.CommitAsync(cancellationToken);
        return due.Count;
    }

    private static async Task PublishAsync(UnitOfWork work, long id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The decision: of all runs that reach this article, only one sees it still scheduled.
        var won = await work.Connection.ExecuteAsync(work.Command(
            """
            update articles set status = 'published', version = version + 1, updated_at = published_at
            where id = @id and status = 'scheduled' and published_at <= @now
            """,
            new { id, now }, cancellationToken)) == 1;
        if (!won)
        {
            return;
        }
        var article = (await ArticleStore.FindAsync(work.Connection, work.Transaction, id, cancellationToken))!;
        var (sectionIds, tagIds) = await ArticleTerms.IdsAsync(work.Connection, work.Transaction, id, cancellationToken);
        var navigationChanged = await ArticleTerms.CountAsync(work.Connection, work.Transaction, Filed.None, Filed.Counted(article.Kind, article.Status, sectionIds, tagIds), cancellationToken);
        var (sections, tags) = await ArticleTerms.NamesAsync(work.Connection, work.Transaction, id, cancellationToken);
        var bylines = await ArticleBylines.ReadAsync(work.Connection, work.Transaction, id, cancellationToken);
        await ArticleRevisions.WriteAsync(work, article, sections, tags, bylines, null, now, cancellationToken);
        await work.RaiseAsync(
            new ArticlePublished(id, sectionIds, tagIds, navigationChanged) { MemberIds = [.. bylines.Select(byline => byline.UserId).OfType<long>()], PublishedAt = [article.PublishedAt!.Value] },
            cancellationToken);
    }
}
