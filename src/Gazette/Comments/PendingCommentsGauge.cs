using System.Diagnostics;
using System.Diagnostics.Metrics;
using Gazette.Storage;

namespace Gazette.Comments;

/// <summary>
/// <c>gazette.comments.pending</c>: comments waiting for a moderator, read when
/// /metrics is scraped and reused for <see cref="Reuse"/>, so scrapes from
/// several monitors cost one count query every 15 s and requests cost none.
/// A read that fails or takes over <see cref="ReadTimeout"/> leaves the last
/// figure (none before the first), so a scrape never waits on a sick database.
/// </summary>
public sealed class PendingCommentsGauge
{
    public const string MeterName = "Gazette.Comments";

    private static readonly TimeSpan Reuse = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(2);

    private readonly ModerationStore _store;
    private readonly ILogger<PendingCommentsGauge> _logger;
    private readonly Lock _reading = new();
    private (long Count, long At)? _last;

    public PendingCommentsGauge(IMeterFactory meters, ModerationStore store, ILogger<PendingCommentsGauge> logger)
    {
        _store = store;
        _logger = logger;
        meters.Create(MeterName).CreateObservableGauge("gazette.comments.pending", Observe, "{comment}", "Comments waiting for a moderator");
    }

    private IEnumerable<Measurement<long>> Observe()
    {
        lock (_reading)
        {
            // The machine's own monotonic clock: the site's clock may be frozen (in tests).
            if (_last is not { } last || Stopwatch.GetElapsedTime(last.At) >= Reuse)
            {
                Read();
            }
            return _last is { } known ? [new Measurement<long>(known.Count)] : [];
        }
    }

    /// <summary>Observable instruments are read synchronously; the count is one indexed query.</summary>
    private void Read()
    {
        using var timeout = new CancellationTokenSource(ReadTimeout);
        try
        {
            _last = (_store.PendingCountAsync(timeout.Token).GetAwaiter().GetResult(), Stopwatch.GetTimestamp());
        }
        catch (Exception ex) when (StorageFailure.Is(ex) || ex is OperationCanceledException)
        {
            _logger.LogWarning("Could not count pending comments for /metrics: {Reason}", ex.Message);
        }
    }
}
