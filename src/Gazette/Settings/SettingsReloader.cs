using Gazette.Caching;
using Gazette.Events;
using Gazette.Hosting;

namespace Gazette.Settings;

/// <summary>
/// Reads the stored settings into configuration at start, and again on every
/// node when they change (the event log reaches each node within a second), then
/// drops every cached page: a title or a discussion rule shows on all of them.
/// </summary>
public sealed class SettingsReloader(SettingsStore store, DatabaseConfigurationSource source, PageCache cache) : IStartupTask, IStoredConfiguration, INodeSubscriber<SettingsChanged>
{
    public Task RunAsync(CancellationToken cancellationToken) => ReloadAsync(cancellationToken);

    public Task LoadAsync(CancellationToken cancellationToken) => ReloadAsync(cancellationToken);

    public string? Announce(string baseUrl) => null;

    public async Task HandleAsync(SettingsChanged change, CancellationToken cancellationToken)
    {
        await ReloadAsync(cancellationToken);
        await cache.EvictAsync([CacheTags.Site], cancellationToken);
    }

    private async Task ReloadAsync(CancellationToken cancellationToken)
    {
        var stored = await store.GetAllAsync(cancellationToken);
        source.Provider.Replace(stored.Where(pair => pair.Key.StartsWith(Contracts.EditableSetting.Prefix, StringComparison.Ordinal)).ToDictionary());
    }
}
