using Gazette.Hosting;
using Gazette.Jobs;
using Gazette.Storage;

namespace Gazette.Events;

/// <summary>The event log: units of work, the outbox table, and its three kinds of subscriber.</summary>
public static class EventsServiceCollectionExtensions
{
    /// <summary>The event log's migrations (Events/Migrations).</summary>
    public static readonly MigrationSource Migrations = new(typeof(EventLog).Assembly, typeof(EventLog).Namespace + ".Migrations");

    public static IServiceCollection AddGazetteEvents(this IServiceCollection services)
    {
        services.AddSingleton<EventTypes>();
        services.AddSingleton<EventDispatcher>();
        services.AddSingleton<EventLog>();
        services.AddSingleton<UnitsOfWork>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<PumpAlarm>();
        services.AddHostedService<NodeEventPump>();
        services.AddSingleton<ClusterEventPump>();
        services.AddSingleton<IPeriodicJob>(sp => sp.GetRequiredService<ClusterEventPump>());
        services.AddSingleton<IStartupTask, ClusterCursorsStartupTask>();
        services.AddPeriodicJob<EventLogRetentionJob>();
        return services;
    }

    /// <summary>Every cluster subscriber's cursor exists from the first start, so nothing after it is missed.</summary>
    private sealed class ClusterCursorsStartupTask(ClusterEventPump pump) : IStartupTask
    {
        public Task RunAsync(CancellationToken cancellationToken) => pump.EnsureCursorsAsync(cancellationToken);

        public string? Announce(string baseUrl) => null;
    }
}
