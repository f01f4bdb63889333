using System.Threading.RateLimiting;

namespace Gazette.Cluster;

/// <summary>
/// A fixed-window limit of one partition (an address) counted across the
/// cluster by <see cref="SharedWindows"/>, and by this node's own window
/// while Redis cannot answer. Every acquisition goes the asynchronous way,
/// where Redis is asked.
/// </summary>
public sealed class SharedWindowLimiter(SharedWindows windows, string counter, int permits, TimeSpan window) : ReplenishingRateLimiter
{
    private readonly FixedWindowRateLimiter _local = new(new FixedWindowRateLimiterOptions
    {
        PermitLimit = permits,
        Window = window,
        QueueLimit = 0,
        AutoReplenishment = false,
    });

    public override TimeSpan? IdleDuration => _local.IdleDuration;

    public override bool IsAutoReplenishing => false;

    public override TimeSpan ReplenishmentPeriod => window;

    public override bool TryReplenish() => _local.TryReplenish();

    public override RateLimiterStatistics? GetStatistics() => _local.GetStatistics();

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => WindowLease.NotYet;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        if (await windows.HitAsync(counter, window, cancellationToken) is not { } count)
        {
            return await _local.AcquireAsync(permitCount, cancellationToken);
        }
        return count.Hits <= permits ? WindowLease.Acquired : new WindowLease(false, count.Left);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _local.Dispose();
        }
        base.Dispose(disposing);
    }

    private sealed class WindowLease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly WindowLease Acquired = new(true, null);

        /// <summary>The synchronous answer: not without asking Redis.</summary>
        public static readonly WindowLease NotYet = new(false, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
