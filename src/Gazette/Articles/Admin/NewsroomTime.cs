using System.Globalization;

namespace Gazette.Articles.Admin;

/// <summary>How the newsroom's article screens write a time: in UTC, said so.</summary>
public static class NewsroomTime
{
    public static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    public static string Clock(DateTimeOffset at) => at.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The <c>datetime</c> attribute of a <c>time</c> element.</summary>
    public static string Machine(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);
}
