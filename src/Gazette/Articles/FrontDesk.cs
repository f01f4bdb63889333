using System.Globalization;
using Dapper;
using Gazette.Events;
using Gazette.Storage;
using Gazette.Web;

namespace Gazette.Articles;

/// <summary>A story an editor put on a front, as the newsroom lists it: <see cref="Position"/> 0 is the lead, 1 and on the featured.</summary>
public sealed record FrontPick
{
    public int Position { get; init; }
    public long ArticleId { get; init; }
    public required string Title { get; init; }
    public required string Status { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }

    public bool IsLead => Position == FrontDesk.LeadPosition;
}

/// <summary>A published story an editor may put on the front, newest first.</summary>
public sealed record FrontCandidate(long Id, string Title, DateTimeOffset PublishedAt);

/// <summary>What an editor asked of a front: put a story in the lead or among the featured, move a featured one, or take one off.</summary>
public enum FrontAction
{
    Lead,
    Feature,
    Up,
    Down,
    Remove,
}

/// <summary>A front's picks were rearranged: the home page (<paramref name="SectionId"/> null) or a section's page changes.</summary>
public sealed record FrontChanged(long? SectionId);

/// <summary>
/// What editors put on the fronts: the home page's and each section's lead and
/// a few featured stories in order (decision 141). The rest of a front is
/// the latest news, as before. A pick whose story stops being public drops off
/// the page by itself and comes back if it is published again.
/// </summary>
public sealed class FrontDesk(Database database, UnitsOfWork units, TimeProvider time)
{
    public const int LeadPosition = 0;
    public const int MaxFeatured = 6;

    /// <summary>The field the story is chosen in, where its errors show.</summary>
    public const string ArticleField = "article";

    public async Task<IReadOnlyList<FrontPick>> PicksAsync(long? sectionId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await PicksAsync(connection, null, sectionId, cancellationToken);
    }

    /// <summary>The stories offered for a front: the newest published in it (a section's branch, or anywhere for the home page).</summary>
    public async Task<IReadOnlyList<FrontCandidate>> CandidatesAsync(long? sectionId, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var branch = sectionId is { } id ? await SectionTree.BranchAsync(connection, null, id, cancellationToken) : null;
        var rows = await connection.QueryAsync<(long Id, string Title, DateTimeOffset PublishedAt)>(new CommandDefinition(
            $"""
            select a.id, a.title, a.published_at from articles a
            where a.kind = 'article' and a.status = 'published' and a.published_at <= @now
              {(branch is null ? "" : $"and exists (select 1 from article_sections y where y.article_id = a.id and {database.Dialect.InList("y.section_id", "branch")})")}
            order by a.published_at desc, a.id desc
            limit @limit
            """,
            new { now = time.GetUtcNow(), branch = branch?.ToArray(), limit }, cancellationToken: cancellationToken));
        return [.. rows.Select(row => new FrontCandidate(row.Id, row.Title, row.PublishedAt))];
    }

    /// <summary>
    /// Does <paramref name="action"/> to the story <paramref name="articleId"/> on the
    /// front. Putting a story in the lead moves the lead it replaces to the top of the
    /// featured (the last featured drops off when they are full). Returns the error to
    /// show by the story's field, or null when it was done.
    /// </summary>
    public async Task<string?> ArrangeAsync(NewsroomUser actor, long? sectionId, FrontAction action, long articleId, CancellationToken cancellationToken = default)
    {
        if (!actor.CanEditOthers)
        {
            throw new UnauthorizedAccessException("Only editors and administrators arrange the fronts.");
        }
        await using var work = await units.BeginAsync(cancellationToken);
        var picks = (await PicksAsync(work.Connection, work.Transaction, sectionId, cancellationToken)).ToList();
        var lead = picks.FirstOrDefault(pick => pick.IsLead)?.ArticleId;
        var featured = picks.Where(pick => !pick.IsLead).Select(pick => pick.ArticleId).ToList();
        if (action is FrontAction.Lead or FrontAction.Feature && await RefusalAsync(work, sectionId, articleId, cancellationToken) is { } refusal)
        {
            return refusal;
        }
        switch (action)
        {
            case FrontAction.Lead when lead == articleId:
                return "That story already leads.";
            case FrontAction.Lead:
                featured.Remove(articleId);
                if (lead is { } previous)
                {
                    featured.Insert(0, previous);
                }
                lead = articleId;
                featured = [.. featured.Take(MaxFeatured)];
                break;
            case FrontAction.Feature when lead == articleId || featured.Contains(articleId):
                return "That story is already on this front.";
            case FrontAction.Feature when featured.Count >= MaxFeatured:
                return $"A front features at most {MaxFeatured} stories: take one off first.";
            case FrontAction.Feature:
                featured.Add(articleId);
                break;
            case FrontAction.Up or FrontAction.Down:
                var at = featured.IndexOf(articleId);
                var to = action == FrontAction.Up ? at - 1 : at + 1;
                if (at < 0 || to < 0 || to >= featured.Count)
                {
                    return null;
                }
                (featured[at], featured[to]) = (featured[to], featured[at]);
                break;
            case FrontAction.Remove:
                if (lead == articleId)
                {
                    lead = null;
                }
                else if (!featured.Remove(articleId))
                {
                    return null;
                }
                break;
        }
        await StoreAsync(work, actor, sectionId, lead, featured, cancellationToken);
        await work.RaiseAsync(new FrontChanged(sectionId), cancellationToken);
        await work.AuditAsync(new AuditActor(actor.Id, actor.Name), "front." + action.ToString().ToLowerInvariant(), "front", FrontName(sectionId),
            articleId.ToString(CultureInfo.InvariantCulture), cancellationToken);
        await work.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>The audit trail's name of a front: "home", or "section:ID".</summary>
    private static string FrontName(long? sectionId) => sectionId is { } id ? string.Create(CultureInfo.InvariantCulture, $"section:{id}") : "home";

    /// <summary>Why the story cannot go on this front: it is not published, or (on a section's front) not filed in the section or beneath it.</summary>
    private async Task<string?> RefusalAsync(UnitOfWork work, long? sectionId, long articleId, CancellationToken cancellationToken)
    {
        var published = await work.Connection.ExecuteScalarAsync<bool>(work.Command(
            "select exists (select 1 from articles where id = @articleId and kind = 'article' and status = 'published' and published_at <= @now)",
            new { articleId, now = time.GetUtcNow() }, cancellationToken));
        if (!published)
        {
            return "Choose a published story: that one is not public.";
        }
        if (sectionId is { } id)
        {
            var branch = await SectionTree.BranchAsync(work.Connection, work.Transaction, id, cancellationToken);
            var filed = await work.Connection.ExecuteScalarAsync<bool>(work.Command(
                $"select exists (select 1 from article_sections where article_id = @articleId and {work.Dialect.InList("section_id", "branch")})",
                new { articleId, branch = branch.ToArray() }, cancellationToken));
            if (!filed)
            {
                return "That story is not filed in this section: a section's front shows its own stories.";
            }
        }
        return null;
    }

    private async Task StoreAsync(UnitOfWork work, NewsroomUser actor, long? sectionId, long? lead, List<long> featured, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await work.Connection.ExecuteAsync(work.Command(
            "delete from front_picks where coalesce(section_id, 0) = @front", new { front = sectionId ?? 0 }, cancellationToken));
        var rows = featured.Select((id, index) => (Position: index + 1, ArticleId: id)).ToList();
        if (lead is { } leadId)
        {
            rows.Insert(0, (LeadPosition, leadId));
        }
        foreach (var (position, articleId) in rows)
        {
            await work.Connection.ExecuteAsync(work.Command(
                "insert into front_picks (section_id, position, article_id, picked_by, picked_at) values (@sectionId, @position, @articleId, @by, @now)",
                new { sectionId, position, articleId, by = actor.Id, now }, cancellationToken));
        }
    }

    private static async Task<IReadOnlyList<FrontPick>> PicksAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction, long? sectionId, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<FrontPick>(new CommandDefinition(
            """
            select p.position, p.article_id, a.title, a.status, a.published_at
            from front_picks p join articles a on a.id = p.article_id
            where coalesce(p.section_id, 0) = @front
            order by p.position
            """,
            new { front = sectionId ?? 0 }, transaction, cancellationToken: cancellationToken));
        return rows.AsList();
    }
}
