using System.Globalization;

namespace Gazette.Articles;

/// <summary>The cache tags of the pages Articles renders.</summary>
public static class ArticleCacheTags
{
    public const string Home = "home";

    public static string Article(long id) => string.Create(CultureInfo.InvariantCulture, $"article:{id}");

    public static string Section(long id) => string.Create(CultureInfo.InvariantCulture, $"section:{id}");

    public static string Tag(long id) => string.Create(CultureInfo.InvariantCulture, $"tag:{id}");

    /// <summary>Every author page and date archive: evicted by a change whose event does not say whose or when.</summary>
    public const string Archives = "archives";

    /// <summary>A member's author page.</summary>
    public static string Author(long memberId) => string.Create(CultureInfo.InvariantCulture, $"author:{memberId}");

    /// <summary>A year's archive (month 0) or a month's, in the site's time zone.</summary>
    public static string Period(int year, int month) => string.Create(CultureInfo.InvariantCulture, $"archive:{year:D4}-{month:D2}");

    /// <summary>The archives an article published at <paramref name="local"/> (the site's time) is listed in: its year's and its month's.</summary>
    public static IEnumerable<string> Periods(DateTimeOffset local) => [Period(local.Year, 0), Period(local.Year, local.Month)];
}
