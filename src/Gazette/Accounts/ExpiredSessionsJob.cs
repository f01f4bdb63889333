using Gazette.Jobs;

namespace Gazette.Accounts;

/// <summary>Deletes sessions past their idle or absolute limit, and failed-login counts no longer slowing anyone.</summary>
public sealed class ExpiredSessionsJob(SessionStore sessions, LoginThrottle throttle) : IPeriodicJob
{
    public string Name => "accounts:expire-sessions";

    public TimeSpan Interval => TimeSpan.FromHours(1);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await sessions.PruneAsync(cancellationToken);
        await throttle.PruneAsync(cancellationToken);
    }
}
