using System.Collections.Concurrent;
using Gazette.Kernel;
using Microsoft.Extensions.Options;

namespace Gazette.Rendering;

/// <summary>
/// The site's time zone (<c>Gazette:Site:TimeZone</c>, an IANA name): readers
/// see dates in it and the newsroom enters and reads times in it. Stored times
/// stay UTC; only what people read is local.
/// </summary>
public sealed class SiteTime(IOptionsMonitor<SiteOptions> options)
{
    private static readonly ConcurrentDictionary<string, TimeZoneInfo> Zones = new(StringComparer.Ordinal);

    /// <summary>The configured zone; a name the system does not know reads as UTC (the settings page refuses such a name).</summary>
    public TimeZoneInfo Zone => Zones.GetOrAdd(options.CurrentValue.TimeZone, name => Find(name) ?? TimeZoneInfo.Utc);

    public bool IsUtc => Zone.BaseUtcOffset == TimeSpan.Zero && !Zone.SupportsDaylightSavingTime;

    public DateTimeOffset Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone);

    /// <summary>A wall-clock time in the site's zone as an instant; a time skipped by a clock change moves on by the gap.</summary>
    public DateTimeOffset FromLocal(DateTime wallClock)
    {
        var unspecified = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        var zone = Zone;
        while (zone.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddMinutes(15);
        }
        return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified)).ToUniversalTime();
    }

    public DateView View(DateTimeOffset at) => new(DateText.Iso(at), DateText.Display(Local(at)));

    /// <summary>The zone named, or null when the system knows no such zone.</summary>
    public static TimeZoneInfo? Find(string name) =>
        name.Length > 0 && TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone) ? zone : null;
}
