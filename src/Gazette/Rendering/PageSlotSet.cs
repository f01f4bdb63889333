using System.Text;

namespace Gazette.Rendering;

/// <summary>
/// The registered page slots with their markers: which show something now,
/// and a page with their content joined where the markers are. Shared by
/// <see cref="PageSlotJoin"/> (pages rendered for this request) and the page
/// cache's front (cached pages, joined once per slot version).
/// </summary>
public sealed class PageSlotSet(IEnumerable<PageSlot> slots, IServiceProvider services)
{
    private readonly (IPageSlot Slot, byte[] Marker)[] _slots =
        [.. slots.Select(slot => ((IPageSlot)services.GetRequiredService(slot.Implementation), Encoding.UTF8.GetBytes(PageSlots.Marker(slot.Name))))];

    /// <summary>The slots showing something at <paramref name="now"/>, or null (nearly always) when none is.</summary>
    public ShowingSlots? Showing(DateTimeOffset now)
    {
        List<(byte[] Marker, PageSlotContent Content)>? showing = null;
        foreach (var (slot, marker) in _slots)
        {
            if (slot.Current(now) is { } content)
            {
                (showing ??= []).Add((marker, content));
            }
        }
        return showing is null ? null : new ShowingSlots(showing);
    }
}

/// <summary>Slots with content at one moment; <see cref="Versions"/> names them together, for ETags and cached joins.</summary>
public sealed class ShowingSlots(List<(byte[] Marker, PageSlotContent Content)> showing)
{
    public string Versions { get; } = string.Concat(showing.Select(slot => "." + slot.Content.Version));

    /// <summary>
    /// <paramref name="page"/> with each showing slot's content where its marker is,
    /// and the versions of the slots it joined ("" when the page has no marker).
    /// </summary>
    public (ReadOnlyMemory<byte> Page, string Joined) Join(ReadOnlyMemory<byte> page)
    {
        var joined = new StringBuilder();
        foreach (var (marker, content) in showing)
        {
            var at = page.Span.IndexOf(marker);
            if (at < 0)
            {
                continue;
            }
            var result = new byte[page.Length - marker.Length + content.Html.Length];
            page[..at].CopyTo(result);
            content.Html.CopyTo(result.AsMemory(at));
            page[(at + marker.Length)..].CopyTo(result.AsMemory(at + content.Html.Length));
            page = result;
            joined.Append('.').Append(content.Version);
        }
        return (page, joined.ToString());
    }
}
