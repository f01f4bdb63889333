using System.Threading.Channels;
using Gazette.Jobs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Gazette.Tests.Jobs;

public class JobRunnerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task JobRunsOnceEachIntervalOfTheClock()
    {
        var job = new RecordingJob(TimeSpan.FromMinutes(5), _clock);
        using var runner = Runner(new SingleNodeLeaderLock(), job);
        await runner.StartAsync(CancellationToken.None);

        _clock.Advance(TimeSpan.FromMinutes(4));
        Assert.False(job.Runs.Reader.TryRead(out _));

        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(_clock.GetUtcNow(), await job.Runs.Reader.ReadAsync().AsTask().WaitAsync(Patience));

        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(_clock.GetUtcNow(), await job.Runs.Reader.ReadAsync().AsTask().WaitAsync(Patience));

        await runner.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task AFailingRunDoesNotStopTheSchedule()
    {
        var job = new RecordingJob(TimeSpan.FromMinutes(1), _clock) { FailFirstRun = true };
        using var runner = Runner(new SingleNodeLeaderLock(), job);
        await runner.StartAsync(CancellationToken.None);

        _clock.Advance(TimeSpan.FromMinutes(1));
        await job.Attempts.Reader.ReadAsync().AsTask().WaitAsync(Patience);
        _clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(_clock.GetUtcNow(), await job.Runs.Reader.ReadAsync().AsTask().WaitAsync(Patience));
        await runner.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task AFollowerNodeDoesNotRunJobs()
    {
        var job = new RecordingJob(TimeSpan.FromMinutes(1), _clock);
        await using var follower = new FollowerLock();
        using var runner = Runner(follower, job);

        Assert.False(await runner.RunOnceAsync(job, CancellationToken.None));
        Assert.False(job.Attempts.Reader.TryRead(out _));
    }

    private JobRunner Runner(ILeaderLock leaderLock, IPeriodicJob job) =>
        new([job], leaderLock, _clock, NullLogger<JobRunner>.Instance);

    private sealed class RecordingJob(TimeSpan interval, TimeProvider clock) : IPeriodicJob
    {
        private int _attempts;

        public bool FailFirstRun { get; init; }

        public Channel<DateTimeOffset> Runs { get; } = Channel.CreateUnbounded<DateTimeOffset>();

        public Channel<int> Attempts { get; } = Channel.CreateUnbounded<int>();

        public string Name => "recording";

        public TimeSpan Interval => interval;

        public Task RunAsync(CancellationToken cancellationToken)
        {
            var attempt = Interlocked.Increment(ref _attempts);
            Attempts.Writer.TryWrite(attempt);
            if (FailFirstRun && attempt == 1)
            {
                throw new InvalidOperationException("first run fails");
            }
            Runs.Writer.TryWrite(clock.GetUtcNow());
            return Task.CompletedTask;
        }
    }

    private sealed class FollowerLock : ILeaderLock
    {
        public Task<bool> IsLeaderAsync(CancellationToken cancellationToken) => Task.FromResult(false);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
