using System.Globalization;

namespace Gazette.Kernel;

/// <summary>How every part writes a moment: ISO 8601 UTC for machines, "April 22, 2024" for readers (in the site's time zone).</summary>
public static class DateText
{
    public static string Iso(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The date as it was where <paramref name="value"/>'s offset says (the site's time zone, for readers).</summary>
    public static string Display(DateTimeOffset value) =>
        value.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture);
}
