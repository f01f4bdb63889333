namespace Gazette.Rendering;

/// <summary>
/// A part of every page that changes on its own clock, such as a breaking-news
/// banner. Pages are rendered and cached with a marker where it goes
/// (<see cref="Marker"/>, printed by the layout's <c>{{ slots.NAME }}</c>), and
/// <see cref="PageSlotJoin"/> puts the slot's current HTML there as each page is
/// served, cached or not: changing the slot evicts no page, and an expired
/// slot simply stops being joined.
/// </summary>
public interface IPageSlot
{
    /// <summary>What the slot shows at <paramref name="now"/>, or null when it shows nothing.</summary>
    PageSlotContent? Current(DateTimeOffset now);
}

/// <param name="Html">The fragment's UTF-8 bytes, rendered once when the slot changed.</param>
/// <param name="Version">Names this content among the slot's others, so a page's ETag changes with it.</param>
public sealed record PageSlotContent(ReadOnlyMemory<byte> Html, string Version);

/// <summary>A slot as registered (<see cref="RenderingServiceCollectionExtensions.AddPageSlot{TSlot}"/>): the name templates print it by, and its implementation.</summary>
public sealed record PageSlot(string Name, Type Implementation);

public static class PageSlots
{
    /// <summary>The comment a cached page carries where the slot's content goes; it shows nothing when left in.</summary>
    public static string Marker(string name) => $"<!--gazette-slot:{name}-->";
}
