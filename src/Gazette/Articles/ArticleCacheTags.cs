using System.Globalization;

namespace Gazette.Articles;

/// <summary>The cache tags of the pages Articles renders.</summary>
public static class ArticleCacheTags
{
    public const string Home = "home";

    public static string Article(long id) => string.Create(CultureInfo.InvariantCulture, $"article:{id}");

    public static string Section(long id) => string.Create(CultureInfo.InvariantCulture, $"section:{id}");

    public static string Tag(long id) => string.Create(CultureInfo.InvariantCulture, $"tag:{id}");
}
