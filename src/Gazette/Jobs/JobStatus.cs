namespace Gazette.Jobs;

/// <summary>
/// A periodic job as this node, leading, last ran it: how long since it last
/// finished without failing (or since this node began leading, when it has
/// not yet). Late past two intervals and a minute: one missed tick is a slow
/// run, two are a job that is stuck or failing.
/// </summary>
public sealed record JobStatus(string Name, TimeSpan Interval, TimeSpan SinceLastRun, bool LastRunFailed)
{
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);

    public bool IsLate => SinceLastRun > Interval * 2 + Grace;
}
