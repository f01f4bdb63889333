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

    [Theory]
    [InlineData(1, 61, false)]
    [InlineData(1, 63, true)]
    [InlineData(3600, 7260, false)]
    [InlineData(3600, 7261, true)]
    public void AJobIsLatePastTwoIntervalsAndAMinute(int intervalSeconds, int sinceSeconds, bool late) =>
        Assert.Equal(late, new JobStatus("job", TimeSpan.FromSeconds(intervalSeconds), TimeSpan.FromSeconds(sinceSeconds), false).IsLate);

    [Fact]
    public async Task AJobThatKeepsFailingBecomesLateAndOneThatRunsDoesNot()
    {
        var failing = new RecordingJob(TimeSpan.FromMinutes(1), _clock) { FailEveryRun = true };
        var working = new RecordingJob(TimeSpan.FromMinutes(1), _clock, "working");
        using var runner = new JobRunner([failing, working], new SingleNodeLeaderLock(), _clock, NullLogger<JobRunner>.Instance);

        for (var minute = 0; minute < 4; minute++)
        {
            Assert.True(await runner.RunOnceAsync(failing, CancellationToken.None));
            Assert.True(await runner.RunOnceAsync(working, CancellationToken.None));
            _clock.Advance(TimeSpan.FromMinutes(1));
        }

        var statuses = runner.Statuses().ToDictionary(status => status.Name);
        Assert.True(runner.Leads);
        Assert.True(statuses["recording"].IsLate);
        Assert.True(statuses["recording"].LastRunFailed);
        Assert.False(statuses["working"].IsLate);
        Assert.Equal(TimeSpan.FromMinutes(1), statuses["working"].SinceLastRun);
    }

    [Fact]
    public async Task AFollowerReportsNoJobs()
    {
        var job = new RecordingJob(TimeSpan.FromMinutes(1), _clock);
        await using var follower = new FollowerLock();
        using var runner = Runner(follower, job);

        await runner.RunOnceAsync(job, CancellationToken.None);

        Assert.False(runner.Leads);
        Assert.Empty(runner.Statuses());
    }

    private JobRunner Runner(ILeaderLock leaderLock, IPeriodicJob job) =>
        new([job], leaderLock, _clock, NullLogger<JobRunner>.Instance);

    private sealed class RecordingJob(TimeSpan interval, TimeProvider clock, string name = "recording") : IPeriodicJob
    {
        private int _attempts;

        public bool FailFirstRun { get; init; }

        public bool FailEveryRun { get; init; }

        public Channel<DateTimeOffset> Runs { get; } = Channel.CreateUnbounded<DateTimeOffset>();

        public Channel<int> Attempts { get; } = Channel.CreateUnbounded<int>();

        public string Name => name;

        public TimeSpan Interval => interval;

        public Task RunAsync(CancellationToken cancellationToken)
        {
            var attempt = Interlocked.Increment(ref _attempts);
            Attempts.Writer.TryWrite(attempt);
            if (FailEveryRun || (FailFirstRun && attempt == 1))
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
