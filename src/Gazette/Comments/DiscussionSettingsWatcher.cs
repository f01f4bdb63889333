using Gazette.Caching;
using Microsoft.Extensions.Options;

namespace Gazette.Comments;

/// <summary>
/// When discussion settings change while the site runs (closing every comment
/// form during a storm), every cached page drops its copy of the old form.
/// </summary>
public sealed class DiscussionSettingsWatcher(IOptionsMonitor<DiscussionOptions> options, PageCache cache, ILogger<DiscussionSettingsWatcher> logger) : IHostedService, IDisposable
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = options.OnChange(_ => EvictEverything());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _subscription?.Dispose();

    private async void EvictEverything()
    {
        try
        {
            await cache.EvictAsync([CacheTags.Site]);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogWarning(ex, "Could not evict cached pages after the discussion settings changed");
        }
    }
}
