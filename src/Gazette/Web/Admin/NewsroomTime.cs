using System.Globalization;
using Gazette.Rendering;

namespace Gazette.Web.Admin;

/// <summary>
/// How newsroom screens write and read a time: in the site's time zone, said so
/// beside it, with the UTC instant in each <c>time</c> element's <c>datetime</c>.
/// </summary>
public sealed class NewsroomTime(SiteTime site)
{
    /// <summary>The value of a <c>datetime-local</c> field.</summary>
    public const string FieldFormat = "yyyy-MM-dd'T'HH:mm";

    /// <summary>"UTC", or the zone's IANA name.</summary>
    public string Zone => site.IsUtc ? "UTC" : site.Zone.Id;

    public string Format(DateTimeOffset at) => site.Local(at).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " " + Zone;

    public string Clock(DateTimeOffset at) => site.Local(at).ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The <c>datetime</c> attribute of a <c>time</c> element: the instant, in UTC.</summary>
    public static string Machine(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);

    public string Field(DateTimeOffset at) => site.Local(at).ToString(FieldFormat, CultureInfo.InvariantCulture);

    /// <summary>A <c>datetime-local</c> value read in the site's zone; null when empty or not a date and time.</summary>
    public DateTimeOffset? Parse(string? value) =>
        DateTime.TryParseExact(value, [FieldFormat, FieldFormat + ":ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var wallClock)
            ? site.FromLocal(wallClock)
            : null;
}
