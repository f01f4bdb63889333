using System.Globalization;

namespace Gazette.Related;

/// <summary>The cache tags Related adds to article pages.</summary>
public static class RelatedCacheTags
{
    /// <summary>The page of this article, whose related coverage was stored anew.</summary>
    public static string Of(long articleId) => string.Create(CultureInfo.InvariantCulture, $"related:{articleId}");

    /// <summary>Every page whose related coverage names this article.</summary>
    public static string Showing(long articleId) => string.Create(CultureInfo.InvariantCulture, $"related-to:{articleId}");
}
