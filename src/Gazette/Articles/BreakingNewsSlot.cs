using System.Globalization;
using System.Text;
using Gazette.Events;
using Gazette.Hosting;
using Gazette.Rendering;

namespace Gazette.Articles;

/// <summary>The banner as the theme's <c>partials/breaking</c> sees it: its words, and where it leads (null: nowhere).</summary>
public sealed record BreakingView(string Text, string? Url);

/// <summary>
/// This node's copy of the banner, rendered once by the theme whenever it
/// changes and joined to every page as it is served (<see cref="PageSlotJoin"/>):
/// putting it up or taking it down evicts no cached page, and its expiry is a
/// comparison of the time.
/// </summary>
public sealed class BreakingNewsSlot(BreakingNewsDesk desk, ThemeRenderer theme) : IPageSlot, IStartupTask
{
    public const string Name = "breaking";

    private volatile Showing? _showing;

    public PageSlotContent? Current(DateTimeOffset now) => _showing is { } showing && showing.Item.ShowsAt(now) ? showing.Content : null;

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        if (await desk.LatestAsync(cancellationToken) is not { } item)
        {
            _showing = null;
            return;
        }
        var html = await theme.RenderFragmentAsync("partials/breaking", new Dictionary<string, object?>
        {
            ["breaking"] = new BreakingView(item.Text, item.Url.Length > 0 ? item.Url : null),
        });
        _showing = new Showing(item, new PageSlotContent(Encoding.UTF8.GetBytes(html), "b" + item.Id.ToString(CultureInfo.InvariantCulture)));
    }

    Task IStartupTask.RunAsync(CancellationToken cancellationToken) => ReloadAsync(cancellationToken);

    string? IStartupTask.Announce(string baseUrl) => null;

    private sealed record Showing(BreakingNewsItem Item, PageSlotContent Content);
}

/// <summary>On every node: a banner put up or taken down anywhere is read again here.</summary>
public sealed class BreakingNewsReload(BreakingNewsSlot slot) : INodeSubscriber<BreakingNewsChanged>
{
    public Task HandleAsync(BreakingNewsChanged change, CancellationToken cancellationToken) => slot.ReloadAsync(cancellationToken);
}
