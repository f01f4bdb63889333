using System.Globalization;
using Gazette.Rendering;

namespace Gazette.WordPressApi;

/// <summary>WordPress's two dates: the site's wall clock (<c>date</c>) and UTC (<c>date_gmt</c>), both without an offset.</summary>
public static class WpDates
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss";

    public static string Local(SiteTime time, DateTimeOffset at) => time.Local(at).ToString(Format, CultureInfo.InvariantCulture);

    public static string Gmt(DateTimeOffset at) => at.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);
}
