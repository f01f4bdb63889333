namespace Gazette.Jobs;

/// <summary>
/// Work that runs every <see cref="Interval"/> on one node of the cluster (the
/// leader). Register with <c>services.AddPeriodicJob&lt;T&gt;()</c>.
/// </summary>
public interface IPeriodicJob
{
    string Name { get; }

    TimeSpan Interval { get; }

    Task RunAsync(CancellationToken cancellationToken);
}
