using Gazette.Articles;
using Gazette.Rendering;

namespace Gazette.Tests.Infrastructure;

/// <summary>Article links as a site with the default permalink pattern and time zone (UTC) writes them.</summary>
public static class TestLinks
{
    public static Permalinks Default { get; } = new(
        new FixedOptions<PermalinkOptions>(new PermalinkOptions()),
        new SiteTime(new FixedOptions<SiteOptions>(new SiteOptions())));

    public static string Article(DateTimeOffset publishedAt, string slug) => Default.Article(0, slug, publishedAt);

    public static string Of(Article article) => Default.Of(article);
}
