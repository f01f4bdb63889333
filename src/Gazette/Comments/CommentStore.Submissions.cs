using System.Data;
using Dapper;
using Gazette.Comments.Contracts;
using Gazette.Events;
using Gazette.Kernel;
using Gazette.Storage;

namespace Gazette.Comments;

/// <summary>A reader's comment for a batch: its flood window in seconds (0: none), and moderation's decision given whether its email already has an approved comment.</summary>
public sealed record CommentToStore(NewComment Comment, int FloodSeconds, Func<bool, ModerationDecision> Decide);

/// <summary>What became of one comment of a batch: its result, or a failure of its own (a bug) that the others do not share.</summary>
public readonly record struct StoreOutcome(SubmitResult? Result, Exception? Failure);

public sealed partial class CommentStore
{
    /// <summary>
    /// On PostgreSQL, where other nodes write at the same time: two comments with
    /// one text on one article must meet the duplicate check one after the other,
    /// and, where flood control is on, two from one email or one address the flood
    /// check. A batch takes every key of its comments at once, before any check, in
    /// key order, so two nodes' batches never deadlock; the locks end with the
    /// transaction. The email and address keys only serve the flood check: taken
    /// without it, every comment from one address (a proxy, a load test) would
    /// wait for the commit of the one before (decision 173).
    /// </summary>
    public static async Task LockAsync(UnitOfWork work, IEnumerable<CommentToStore> batch, CancellationToken cancellationToken = default)
    {
        if (work.Dialect.TransactionLocksSql is not { } locksSql)
        {
            return;
        }
        var keys = batch.SelectMany(LockKeys).Select(PostgresAdvisoryLock.KeyFor).Distinct().ToArray();
        await work.Connection.ExecuteAsync(work.Command(locksSql, new { keys }, cancellationToken));
    }

    private static IEnumerable<string> LockKeys(CommentToStore item)
    {
        yield return $"comments:text:{item.Comment.ArticleId}:{item.Comment.BodySource}";
        if (item.FloodSeconds > 0)
        {
            yield return "comments:email:" + Normalized.Email(item.Comment.AuthorEmail);
            yield return "comments:ip:" + item.Comment.Ip;
        }
    }

    /// <summary>
    /// Checks and stores a batch of readers' comments in the caller's unit, which
    /// has taken their locks (<see cref="LockAsync"/>), in a few statements
    /// whatever the batch's size (decision 173). One statement reads, for every
    /// comment, whether it repeats a stored one (WordPress's rule: the same text on
    /// the same article from the same name or email), when its email or address
    /// last commented, and whether its email has an approved comment. The rules
    /// then run in batch order in memory, each comment seeing those accepted before
    /// it as stored; one statement inserts the accepted ones (a twin the unique
    /// fingerprint refuses is a duplicate) and one writes their events. If that
    /// insert fails for a reason of one comment's own, not the storage's, they are
    /// inserted again one at a time, each in its savepoint, so only that one fails.
    /// </summary>
    public async Task<IReadOnlyList<StoreOutcome>> SubmitAsync(UnitOfWork work, IReadOnlyList<CommentToStore> batch, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var candidates = batch.Select((item, index) => new Candidate(index, item, Normalized.Email(item.Comment.AuthorEmail))).ToList();
        var outcomes = new StoreOutcome[batch.Count];
        var accepted = new List<Candidate>();
        foreach (var facts in await ReadFactsAsync(work, candidates, now, cancellationToken))
        {
            var candidate = candidates[facts.Item];
            try
            {
                if (facts.Duplicate || accepted.Exists(candidate.Repeats))
                {
                    outcomes[facts.Item] = new(new SubmitResult.Duplicate(), null);
                }
                else if (FloodedUntil(candidate, facts.LastComment, accepted, now) is { } retryAfter)
                {
                    outcomes[facts.Item] = new(new SubmitResult.Flooded(retryAfter), null);
                }
                else
                {
                    candidate.Decision = candidate.Item.Decide(facts.HasApproved
                        || accepted.Exists(before => before.Email == candidate.Email && before.Decision!.Status == CommentStatus.Approved));
                    accepted.Add(candidate);
                }
            }
            catch (Exception ex) when (!StorageFailure.Is(ex))
            {
                outcomes[facts.Item] = new(null, ex);
            }
        }
        var ids = await InsertEachApartOnFailureAsync(work, accepted, outcomes, now, cancellationToken);
        foreach (var candidate in accepted.Where(candidate => outcomes[candidate.Index].Failure is null))
        {
            outcomes[candidate.Index] = ids.TryGetValue(candidate.Fingerprint, out var id)
                ? new(new SubmitResult.Stored(candidate.Stored(id, now)), null)
                : new(new SubmitResult.Duplicate(), null);
        }
        return outcomes;
    }

    /// <summary>
    /// The flood window's wait left, or null: the latest comment of the same email
    /// or address in the window, stored or accepted earlier in this batch (now).
    /// </summary>
    private static TimeSpan? FloodedUntil(Candidate candidate, DateTimeOffset? lastStored, List<Candidate> accepted, DateTimeOffset now)
    {
        var seconds = candidate.Item.FloodSeconds;
        if (seconds <= 0)
        {
            return null;
        }
        var ip = candidate.Item.Comment.Ip;
        var last = accepted.Exists(before => before.Email == candidate.Email || (ip is not null && before.Item.Comment.Ip == ip)) ? now : lastStored;
        return last is { } previous ? previous.AddSeconds(seconds) - now : null;
    }

    private static async Task<IEnumerable<BatchFacts>> ReadFactsAsync(UnitOfWork work, List<Candidate> candidates, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var found = new List<BatchFacts>();
        foreach (var chunk in candidates.Chunk(SqlRows.MaxPerStatement))
        {
            var parameters = new SqlRows();
            var values = parameters.Values(chunk,
                new SqlColumn<Candidate>(candidate => candidate.Index, DbType.Int32),
                new SqlColumn<Candidate>(candidate => candidate.Item.Comment.ArticleId, DbType.Int64),
                new SqlColumn<Candidate>(candidate => candidate.TextHash),
                new SqlColumn<Candidate>(candidate => candidate.Item.Comment.AuthorName),
                new SqlColumn<Candidate>(candidate => candidate.Email),
                new SqlColumn<Candidate>(candidate => candidate.Item.Comment.Ip),
                // Without flood control the window is empty: nothing is later than now.
                new SqlColumn<Candidate>(candidate => now.AddSeconds(-Math.Max(0, candidate.Item.FloodSeconds))));
            found.AddRange(await work.Connection.QueryAsync<BatchFacts>(work.Command(
                $"""
                with batch (item, article_id, text_hash, author_name, author_email, ip, since) as ({values})
                select b.item,
                       exists (select 1 from comments c
                               where c.article_id = b.article_id and c.text_hash = b.text_hash
                                 and (c.author_name = b.author_name or c.author_email = b.author_email) and c.status <> 'trash') as duplicate,
                       (select max(c.created_at) from comments c
                        where (c.author_email = b.author_email or c.ip = b.ip) and c.created_at > b.since) as lastcomment,
                       exists (select 1 from comments c where c.author_email = b.author_email and c.status = 'approved') as hasapproved
                from batch b
                order by b.item
                """,
                parameters, cancellationToken)));
        }
        return found;
    }

    /// <summary>Inserts the accepted comments at once, or each in its own savepoint when that fails for a reason of one comment's own; returns their ids by fingerprint.</summary>
    private static async Task<Dictionary<string, long>> InsertEachApartOnFailureAsync(UnitOfWork work, List<Candidate> accepted, StoreOutcome[] outcomes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (accepted.Count == 0)
        {
            return [];
        }
        try
        {
            return await work.StepAsync(() => InsertAsync(work, accepted, now, cancellationToken), _ => true, cancellationToken);
        }
        catch (Exception ex) when (!StorageFailure.Is(ex) && accepted.Count == 1)
        {
            outcomes[accepted[0].Index] = new(null, ex);
            return [];
        }
        catch (Exception ex) when (!StorageFailure.Is(ex))
        {
            var ids = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var candidate in accepted)
            {
                try
                {
                    foreach (var (fingerprint, id) in await work.StepAsync(() => InsertAsync(work, [candidate], now, cancellationToken), _ => true, cancellationToken))
                    {
                        ids[fingerprint] = id;
                    }
                }
                catch (Exception own) when (!StorageFailure.Is(own))
                {
                    outcomes[candidate.Index] = new(null, own);
                }
            }
            return ids;
        }
    }

    private static async Task<Dictionary<string, long>> InsertAsync(UnitOfWork work, List<Candidate> accepted, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var chunk in accepted.Chunk(SqlRows.MaxPerStatement))
        {
            var parameters = new SqlRows();
            var values = parameters.Values(chunk,
                new SqlColumn<Candidate>(candidate => candidate.Item.Comment.ArticleId, DbType.Int64),
                new SqlColumn<Candidate>(candidate => candidate.Item.Comment.ParentId, DbType.Int64),
                new SqlColumn<Candidate>(candidate => candidate.Item.Comment.AuthorName),
                new SqlColumn<Candidate>(candidate => candidate.Email),
                new SqlColumn<Candidate>(candidate => candidate.Item.Comment.AuthorUrl),
                new SqlColumn<Candidate>(candidate => candidate.Item.Comment.BodySource),
                new SqlColumn<Candidate>(candidate => candidate.Item.Comment.BodyHtml),
                new SqlColumn<Candidate>(candidate => candidate.Decision!.Status),
                new SqlColumn<Candidate>(_ => now),
                new SqlColumn<Candidate>(candidate => candidate.Item.Comment.Ip),
                new SqlColumn<Candidate>(candidate => candidate.Item.Comment.UserAgent),
                new SqlColumn<Candidate>(candidate => candidate.Fingerprint),
                new SqlColumn<Candidate>(candidate => candidate.TextHash),
                new SqlColumn<Candidate>(candidate => candidate.Decision!.Rule),
                new SqlColumn<Candidate>(candidate => candidate.Decision!.Match),
                new SqlColumn<Candidate>(candidate => candidate.Item.Comment.UserId, DbType.Int64));
            // A twin the unique fingerprint index refuses is left out, not an error: it is answered as a duplicate.
            var inserted = await work.Connection.QueryAsync<(long Id, string Fingerprint)>(work.Command(
                $"""
                insert into comments (article_id, parent_id, author_name, author_email, author_url, body_source, body_html,
                                      status, created_at, ip, user_agent, fingerprint, text_hash, moderation_rule, moderation_match, user_id)
                {values}
                on conflict do nothing
                returning id, fingerprint
                """,
                parameters, cancellationToken));
            foreach (var (id, fingerprint) in inserted)
            {
                ids[fingerprint] = id;
            }
        }
        var stored = accepted.Where(candidate => ids.ContainsKey(candidate.Fingerprint)).ToList();
        await work.RaiseAllAsync(
            [.. stored.Select(candidate => new CommentSubmitted(ids[candidate.Fingerprint], candidate.Item.Comment.ArticleId, candidate.Item.Comment.ParentId, candidate.Decision!.Status))],
            cancellationToken);
        return ids;
    }

    /// <summary>One row of the batch's checks, by the comment's place in the batch.</summary>
    private sealed class BatchFacts
    {
        public int Item { get; init; }

        public bool Duplicate { get; init; }

        public DateTimeOffset? LastComment { get; init; }

        public bool HasApproved { get; init; }
    }

    private sealed class Candidate(int index, CommentToStore item, string email)
    {
        public int Index { get; } = index;

        public CommentToStore Item { get; } = item;

        public string Email { get; } = email;

        public string TextHash { get; } = CommentStore.TextHash(item.Comment.ArticleId, item.Comment.BodySource);

        public string Fingerprint { get; } = CommentStore.Fingerprint(item.Comment, email);

        public ModerationDecision? Decision { get; set; }

        /// <summary>WordPress's duplicate rule against a comment accepted before this one.</summary>
        public bool Repeats(Candidate before) =>
            before.Item.Comment.ArticleId == Item.Comment.ArticleId && before.TextHash == TextHash
            && (before.Item.Comment.AuthorName == Item.Comment.AuthorName || before.Email == Email);

        public PublicComment Stored(long id, DateTimeOffset now) => new()
        {
            Id = id,
            ArticleId = Item.Comment.ArticleId,
            ParentId = Item.Comment.ParentId,
            AuthorName = Item.Comment.AuthorName,
            AuthorUrl = Item.Comment.AuthorUrl,
            BodyHtml = Item.Comment.BodyHtml,
            Status = Decision!.Status,
            CreatedAt = UtcTimestampHandler.Normalize(now),
            Staff = Item.Comment.UserId is not null,
        };
    }
}
