using Gazette.Articles;
using Gazette.Rendering;
using Microsoft.Extensions.Options;

namespace Gazette.Tests.Infrastructure;

/// <summary>Article links as a site with the default permalink pattern and time zone (UTC) writes them.</summary>
public static class TestLinks
{
    public static Permalinks Default { get; } = new(
        new StaticOptions<PermalinkOptions>(new PermalinkOptions()),
        new SiteTime(new StaticOptions<SiteOptions>(new SiteOptions())));

    public static string Article(DateTimeOffset publishedAt, string slug) => Default.Article(0, slug, publishedAt);

    public static string Of(Article article) => Default.Of(article);

    private sealed class StaticOptions<T>(T value) : IOptionsMonitor<T>
    {
        public T CurrentValue => value;

        public T Get(string? name) => value;

        public IDisposable? OnChange(Action<T, string?> listener) => null;
    }
}
