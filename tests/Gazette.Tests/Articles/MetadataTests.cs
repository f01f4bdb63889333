using System.Text.Json;
using System.Text.RegularExpressions;
using Gazette.Articles;
using Gazette.Articles.Contracts;
using Gazette.Tests.Infrastructure;
using Gazette.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Articles;

/// <summary>
/// What search engines and social sites read of a page: the language, canonical
/// URL, OpenGraph and Twitter tags, and an article's NewsArticle and
/// BreadcrumbList JSON-LD with the properties Google requires, on both databases.
/// </summary>
public abstract partial class MetadataTests<TProvider>(TProvider provider) : SiteTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    protected override void Configure(Dictionary<string, string?> settings) => settings["Gazette:Site:Language"] = "en-GB";

    private static string Run() => Guid.NewGuid().ToString("N")[..8];

    private static string Meta(string html, string property) =>
        Regex.Match(html, $"<meta (?:property|name)=\"{Regex.Escape(property)}\" content=\"([^\"]*)\">").Groups[1].Value;

    private async Task<(Article Article, string Html)> PictureStoryAsync(string run)
    {
        var member = (await Factory.Services.GetRequiredService<IBylineMembers>().EnsureAsync([$"Reporter {run}"], CancellationToken.None))[$"Reporter {run}"];
        using var bytes = new MemoryStream(Gazette.Tests.Media.TestImages.Jpeg(1000, 600));
        var image = await Factory.Services.GetRequiredService<Gazette.Media.MediaLibrary>().UploadAsync(new NewsroomUser(1, "Desk", NewsroomRole.Administrator), bytes, "harbour.jpg", "The harbour at dawn");
        var article = await PublishAsync(Story($"Harbour reopens {run}", Factory.Clock.GetUtcNow().AddHours(-1), [$"Ports {run}"], [$"Ships {run}", $"Trade {run}"]) with
        {
            Bylines = [$"Reporter {run}", "Wire Agency"],
            BylineMembers = new Dictionary<string, long> { [$"Reporter {run}"] = member },
            FeaturedMediaId = image.Item!.Id,
        });
        var (_, html, _) = await GetAsync(TestLinks.Article(article.PublishedAt!.Value, article.Slug));
        return (article, html);
    }

    [Fact]
    public async Task TheJsonLdParsesAndCarriesGooglesRequiredProperties()
    {
        var run = Run();
        var (article, html) = await PictureStoryAsync(run);
        var script = Regex.Match(html, "<script type=\"application/ld\\+json\">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;

        using var document = JsonDocument.Parse(script);
        var news = document.RootElement.EnumerateArray().Single(item => item.GetProperty("@type").GetString() == "NewsArticle");
        var url = "http://localhost" + TestLinks.Article(article.PublishedAt!.Value, article.Slug);
        Assert.Equal($"Harbour reopens {run}", news.GetProperty("headline").GetString());
        Assert.True(DateTimeOffset.TryParse(news.GetProperty("datePublished").GetString(), out _));
        Assert.True(DateTimeOffset.TryParse(news.GetProperty("dateModified").GetString(), out _));
        Assert.Equal(url, news.GetProperty("mainEntityOfPage").GetProperty("@id").GetString());
        var authors = news.GetProperty("author").EnumerateArray().ToList();
        Assert.Equal($"http://localhost/author/reporter-{run}/", authors[0].GetProperty("url").GetString());
        Assert.Equal("Wire Agency", authors[1].GetProperty("name").GetString());
        Assert.False(authors[1].TryGetProperty("url", out _));
        Assert.Equal(3, news.GetProperty("image").GetArrayLength());
        Assert.All(news.GetProperty("image").EnumerateArray(), image => Assert.StartsWith("http://localhost/", image.GetString(), StringComparison.Ordinal));
        Assert.Equal("Gazette", news.GetProperty("publisher").GetProperty("name").GetString());
        Assert.StartsWith("http://localhost/", news.GetProperty("publisher").GetProperty("logo").GetProperty("url").GetString(), StringComparison.Ordinal);
        var crumbs = document.RootElement.EnumerateArray().Single(item => item.GetProperty("@type").GetString() == "BreadcrumbList")
            .GetProperty("itemListElement").EnumerateArray().Select(item => (item.GetProperty("position").GetInt32(), item.GetProperty("item").GetString())).ToList();
        Assert.Equal([(1, "http://localhost/"), (2, $"http://localhost/section/ports-{run}/"), (3, url)], crumbs);
    }

    [Fact]
    public async Task AnArticleCarriesOpenGraphAndALargeTwitterCard()
    {
        var run = Run();
        var (article, html) = await PictureStoryAsync(run);

        Assert.Equal("article", Meta(html, "og:type"));
        Assert.Equal($"Harbour reopens {run}", Meta(html, "og:title"));
        Assert.Equal("http://localhost" + TestLinks.Article(article.PublishedAt!.Value, article.Slug), Meta(html, "og:url"));
        Assert.Equal("Gazette", Meta(html, "og:site_name"));
        Assert.Matches("^http://localhost/media/.+-16x9-.+\\.webp$", Meta(html, "og:image"));
        Assert.Equal(("1000", "562"), (Meta(html, "og:image:width"), Meta(html, "og:image:height")));
        Assert.Equal("summary_large_image", Meta(html, "twitter:card"));
        Assert.Equal($"Ports {run}", Meta(html, "article:section"));
        Assert.Contains($"<meta property=\"article:tag\" content=\"Trade {run}\">", html, StringComparison.Ordinal);
        Assert.True(DateTimeOffset.TryParse(Meta(html, "article:published_time"), out _));
        Assert.True(DateTimeOffset.TryParse(Meta(html, "article:modified_time"), out _));
        Assert.Contains($"<a href=\"/author/reporter-{run}/\">Reporter {run}</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListingsAreWebsitesInTheSitesLanguage()
    {
        var run = Run();
        await PublishAsync(Story($"Plain {run}", Factory.Clock.GetUtcNow().AddHours(-1), [$"Desk {run}"]));

        foreach (var path in new[] { "/", $"/section/desk-{run}/" })
        {
            var (_, html, _) = await GetAsync(path);
            Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"en-GB\">", html, StringComparison.Ordinal);
            Assert.Equal("website", Meta(html, "og:type"));
            Assert.Equal("http://localhost" + path, Meta(html, "og:url"));
            Assert.Equal("summary", Meta(html, "twitter:card"));
            Assert.NotEqual("", Meta(html, "og:description"));
        }
    }
}

public sealed class MetadataTestsOnSqlite(SqliteProvider provider) : MetadataTests<SqliteProvider>(provider);

public sealed class MetadataTestsOnPostgres(PostgresProvider provider) : MetadataTests<PostgresProvider>(provider);
