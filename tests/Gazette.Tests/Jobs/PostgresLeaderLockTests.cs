using Gazette.Jobs;
using Gazette.Storage;
using Gazette.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gazette.Tests.Jobs;

/// <summary>Two "nodes" on one PostgreSQL database: one leads, and the other takes over when it goes.</summary>
public sealed class PostgresLeaderLockTests(PostgresProvider provider) : IClassFixture<PostgresProvider>
{
    [Fact]
    public async Task OnlyOneNodeLeadsUntilItStops()
    {
        await using var nodeA = Database.Create(DatabaseUrl.Parse(provider.Setting));
        await using var nodeB = Database.Create(DatabaseUrl.Parse(provider.Setting));
        var lockB = new PostgresLeaderLock((PostgresDatabase)nodeB, NullLogger<PostgresLeaderLock>.Instance);
        await using (var lockA = new PostgresLeaderLock((PostgresDatabase)nodeA, NullLogger<PostgresLeaderLock>.Instance))
        {
            Assert.True(await lockA.IsLeaderAsync(CancellationToken.None));
            Assert.False(await lockB.IsLeaderAsync(CancellationToken.None));
            Assert.True(await lockA.IsLeaderAsync(CancellationToken.None));
        }

        Assert.True(await lockB.IsLeaderAsync(CancellationToken.None));
        await lockB.DisposeAsync();
    }

    [Fact]
    public async Task AFollowerRunnerSkipsTheJobWhileTheLeaderRunsIt()
    {
        await using var nodeA = Database.Create(DatabaseUrl.Parse(provider.Setting));
        await using var nodeB = Database.Create(DatabaseUrl.Parse(provider.Setting));
        await using var lockA = new PostgresLeaderLock((PostgresDatabase)nodeA, NullLogger<PostgresLeaderLock>.Instance);
        await using var lockB = new PostgresLeaderLock((PostgresDatabase)nodeB, NullLogger<PostgresLeaderLock>.Instance);
        var job = new CountingJob();
        using var runnerA = new JobRunner([job], lockA, TimeProvider.System, NullLogger<JobRunner>.Instance);
        using var runnerB = new JobRunner([job], lockB, TimeProvider.System, NullLogger<JobRunner>.Instance);

        var ranA = await runnerA.RunOnceAsync(job, CancellationToken.None);
        var ranB = await runnerB.RunOnceAsync(job, CancellationToken.None);

        Assert.True(ranA);
        Assert.False(ranB);
        Assert.Equal(1, job.Count);
    }

    private sealed class CountingJob : IPeriodicJob
    {
        private int _count;

        public int Count => _count;

        public string Name => "counting";

        public TimeSpan Interval => TimeSpan.FromMinutes(1);

        public Task RunAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _count);
            return Task.CompletedTask;
        }
    }
}
