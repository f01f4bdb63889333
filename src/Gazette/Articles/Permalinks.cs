using System.Globalization;

namespace Gazette.Articles;

/// <summary>The public URL of each thing. Routes in docs/routing.md; this is the one place that writes them.</summary>
public static class Permalinks
{
    public static string Article(DateTimeOffset publishedAt, string slug)
    {
        var utc = publishedAt.ToUniversalTime();
        return string.Create(CultureInfo.InvariantCulture, $"/{utc.Year:D4}/{utc.Month:D2}/{slug}/");
    }

    /// <summary>A published article's URL.</summary>
    public static string Of(Article article) => Article(article.PublishedAt!.Value, article.Slug);

    public static string Section(string slug) => $"/section/{slug}/";

    /// <summary>The page listing every section.</summary>
    public const string Sections = "/sections/";

    public static string Tag(string slug) => $"/tag/{slug}/";

    public static string Older(string listingPath, long beforeId) =>
        string.Create(CultureInfo.InvariantCulture, $"{listingPath}?before={beforeId}");
}
