namespace Gazette.Events;

/// <summary>
/// Tells the other nodes that this one committed events up to a position, so
/// their pumps read the log at once instead of at their next poll. The log
/// stays the source of truth: an announcement lost changes only how soon.
/// </summary>
public interface ILogAnnouncer
{
    /// <summary>Called after every commit that raised events; returns at once and never throws.</summary>
    void Announce(EventPosition last);
}
