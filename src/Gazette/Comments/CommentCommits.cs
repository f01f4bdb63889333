using System.Diagnostics;
using System.Threading.Channels;
using Gazette.Events;
using Gazette.Storage;
using Microsoft.Extensions.Options;

namespace Gazette.Comments;

/// <summary>
/// Readers' comments share commits (decision 163). A submission waits in this
/// process's queue; a writer takes up to <see cref="CommentCommitOptions.BatchSize"/>
/// of them, waiting at most <see cref="CommentCommitOptions.WaitMilliseconds"/>
/// after the first for others, and checks and stores them together in one
/// transaction (<see cref="CommentStore.SubmitAsync"/>): a duplicate or a flood is
/// refused alone and the comments after it see those before it. It commits once, tells this node's subscribers, then
/// answers each: one flush acknowledges many comments. When the shared
/// transaction fails, every comment in it gets that failure (a 503) and none is stored.
/// </summary>
public sealed class CommentCommits : IAsyncDisposable
{
    /// <summary>A comment whose batch has not started after this long is refused as a storage failure, as a writer waiting for SQLite's write turn is.</summary>
    private static readonly TimeSpan MaxQueueWait = TimeSpan.FromSeconds(30);

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>();
    private readonly UnitsOfWork _units;
    private readonly CommentStore _comments;
    private readonly IOptionsMonitor<CommentCommitOptions> _options;
    private readonly ILogger<CommentCommits> _logger;
    private readonly Task[] _writers;

    /// <summary>
    /// One writer on SQLite, which writes one transaction at a time anyway;
    /// <see cref="CommentCommitOptions.PostgresWriters"/> on PostgreSQL, where
    /// one writer's round trips, not the flushes, would set the pace.
    /// </summary>
    public CommentCommits(Database database, UnitsOfWork units, CommentStore comments, IOptionsMonitor<CommentCommitOptions> options, ILogger<CommentCommits> logger)
    {
        _units = units;
        _comments = comments;
        _options = options;
        _logger = logger;
        var writers = database.Dialect == SqlDialect.Postgres ? Math.Max(1, options.CurrentValue.PostgresWriters) : 1;
        _writers = [.. Enumerable.Range(0, writers).Select(_ => Task.Run(WriteAsync))];
    }

    /// <summary>
    /// Checks and stores the comment in the next shared commit. Once queued it is
    /// stored or refused whether or not its sender still waits: a reader who
    /// leaves (<paramref name="cancellationToken"/>) stops waiting, the batch goes on.
    /// </summary>
    public async Task<SubmitResult> SubmitAsync(NewComment comment, int floodSeconds, Func<bool, ModerationDecision> decide, CancellationToken cancellationToken = default)
    {
        var pending = new Pending(comment, floodSeconds, decide);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The comment queue is closed: the site is shutting down.");
        }
        return await pending.Answer.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteAsync()
    {
        var batch = new List<Pending>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            await CollectAsync(batch);
            // Article order: concurrent batches update the articles' comment counts in one order, so they never deadlock.
            await CommitAsync([.. batch.OrderBy(pending => pending.Item.Comment.ArticleId)]);
            batch.Clear();
        }
    }

    /// <summary>
    /// Takes what is waiting, then waits for more until the batch is full or the
    /// first comment has waited the configured time; one that waited during the
    /// previous commit already has, so under load batches go as fast as commits do.
    /// </summary>
    private async Task CollectAsync(List<Pending> batch)
    {
        var options = _options.CurrentValue;
        var size = Math.Max(1, options.BatchSize);
        var wait = TimeSpan.FromMilliseconds(Math.Max(0, options.WaitMilliseconds));
        while (batch.Count < size)
        {
            if (_queue.Reader.TryRead(out var next))
            {
                if (Stopwatch.GetElapsedTime(next.Queued) > MaxQueueWait)
                {
                    next.Answer.TrySetException(new TimeoutException($"The comment waited {MaxQueueWait} for a commit."));
                }
                else
                {
                    batch.Add(next);
                }
                continue;
            }
            var left = batch.Count == 0 ? TimeSpan.Zero : wait - Stopwatch.GetElapsedTime(batch[0].Queued);
            if (left <= TimeSpan.Zero)
            {
                return;
            }
            using var timeout = new CancellationTokenSource(left);
            try
            {
                if (!await _queue.Reader.WaitToReadAsync(timeout.Token))
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Runs the batch with no request's cancellation: a reader who left must not
    /// undo the others. A comment that fails for a reason of its own (not the
    /// storage's) gets that failure and the rest go on.
    /// </summary>
    private async Task CommitAsync(List<Pending> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }
        IReadOnlyList<StoreOutcome> outcomes;
        try
        {
            var items = batch.Select(pending => pending.Item).ToList();
            await using var work = await _units.BeginAsync();
            await CommentStore.LockAsync(work, items);
            outcomes = await _comments.SubmitAsync(work, items);
            await work.CommitAsync();
        }
        catch (Exception ex)
        {
            _logger.LogInformation("A shared commit of {Count} comments failed, and each is refused: {Failure}", batch.Count, ex.Message);
            foreach (var pending in batch)
            {
                pending.Answer.TrySetException(ex);
            }
            return;
        }
        for (var i = 0; i < batch.Count; i++)
        {
            if (outcomes[i].Failure is { } failure)
            {
                batch[i].Answer.TrySetException(failure);
            }
            else
            {
                batch[i].Answer.TrySetResult(outcomes[i].Result!);
            }
        }
        _logger.LogDebug("Committed a batch of {Count} comments", batch.Count);
    }

    /// <summary>Stops taking comments and finishes those already queued.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers);
    }

    private sealed class Pending(NewComment comment, int floodSeconds, Func<bool, ModerationDecision> decide)
    {
        public CommentToStore Item { get; } = new(comment, floodSeconds, decide);

        public long Queued { get; } = Stopwatch.GetTimestamp();

        public TaskCompletionSource<SubmitResult> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
