namespace Gazette.Jobs;

/// <summary>Tells whether this node is the one that runs the cluster's periodic jobs.</summary>
public interface ILeaderLock : IAsyncDisposable
{
    Task<bool> IsLeaderAsync(CancellationToken cancellationToken);
}

/// <summary>SQLite means one node, so this node always leads.</summary>
public sealed class SingleNodeLeaderLock : ILeaderLock
{
    public Task<bool> IsLeaderAsync(CancellationToken cancellationToken) => Task.FromResult(true);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
