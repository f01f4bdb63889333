using System.Globalization;

namespace Gazette.Articles.Contracts;

/// <summary>URLs under an article's own, which other modules link to.</summary>
public static class ArticleUrls
{
    /// <summary>The article's comment page N: the article's URL for page 1, else .../comment-page-N/ (WordPress's form).</summary>
    public static string CommentPage(string articleUrl, int page) =>
        page <= 1 ? articleUrl : string.Create(CultureInfo.InvariantCulture, $"{articleUrl}comment-page-{page}/");

    /// <summary>The query key of a listing's older pages: the article the page starts after (keyset, so any page costs what the first does).</summary>
    public const string BeforeKey = "before";

    /// <summary>A listing's page of the articles older than <paramref name="beforeId"/>.</summary>
    public static string Older(string listingPath, long beforeId) =>
        string.Create(CultureInfo.InvariantCulture, $"{listingPath}?{BeforeKey}={beforeId}");
}

/// <summary>The site's permalink pattern as a setting, in WordPress's tags (an import adopts the old site's).</summary>
public static class PermalinkSettingKey
{
    public const string Key = "Gazette:Site:Permalinks";

    /// <summary>The pattern of a site that never set one.</summary>
    public const string DefaultPattern = "/%year%/%monthnum%/%postname%/";
}
