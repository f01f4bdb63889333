using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Xml.Linq;
using Gazette.Articles;
using Gazette.Articles.Contracts;
using Gazette.Tests.Articles;
using Gazette.Tests.Infrastructure;
using Gazette.Web;
using Microsoft.Extensions.DependencyInjection;
using static Gazette.Tests.Sitemaps.SitemapXml;

namespace Gazette.Tests.Sitemaps;

/// <summary>
/// The sitemap index, its files split every three ids, the news sitemap and
/// robots.txt, on both databases: only what the public may see, at the site's
/// own addresses, valid by the protocol, and fresh after every change.
/// </summary>
public abstract class SitemapTests<TProvider>(TProvider provider) : NewsroomTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    private const string Site = "https://news.example.org";

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Gazette:Site:BaseUrl"] = Site + "/";
        settings["Gazette:Site:Title"] = "The Harbour Times";
        settings["Gazette:Site:Language"] = "en-GB";
        settings["Gazette:Sitemaps:IdsPerFile"] = "3";
    }

    private static string Run() => Guid.NewGuid().ToString("N")[..8];

    private static string FileOf(long id) => string.Create(CultureInfo.InvariantCulture, $"{Site}/sitemap-articles-{(id - 1) / 3 + 1}.xml");

    [Fact]
    public async Task TheIndexListsAFileForEveryThreeIdsAndTheyHoldEveryPublicArticleOnce()
    {
        var run = Run();
        var published = new List<Article>();
        for (var i = 0; i < 7; i++)
        {
            published.Add(await PublishAsync(Story($"Split {i} {run}", Now.AddHours(-i - 1))));
        }

        var (files, urls) = await CrawlAsync(Client);

        Assert.Equal(files.Distinct().Count(), files.Count);
        Assert.All(published, article => Assert.Contains(FileOf(article.Id), files));
        foreach (var file in published.Select(article => FileOf(article.Id)).Distinct())
        {
            var set = Valid(await Client.GetStringAsync(new Uri(file)));
            Assert.InRange(set.Root!.Elements().Count(), 1, 3);
        }
        foreach (var article in published)
        {
            var url = Assert.Single(urls, url => Loc(url) == Site + TestLinks.Of(article));
            Assert.Equal(article.UpdatedAt, DateTimeOffset.Parse((string)url.Element(Sitemap + "lastmod")!, CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task SectionsTagsAuthorsAndPagesAreListedAtTheirOwnAddresses()
    {
        var run = Run();
        var member = (await Factory.Services.GetRequiredService<IBylineMembers>().EnsureAsync([$"Writer {run}"], CancellationToken.None))[$"Writer {run}"];
        await PublishAsync(Story($"Filed {run}", Now.AddHours(-1), [$"Desk {run}"], [$"Topic {run}"]) with
        {
            Bylines = [$"Writer {run}"],
            BylineMembers = new Dictionary<string, long> { [$"Writer {run}"] = member },
        });
        await PublishAsync(Story($"About {run}", Now.AddHours(-1)) with { Kind = ArticleKind.Page });

        var (files, urls) = await CrawlAsync(Client);
        var locations = urls.Select(Loc).ToList();

        Assert.Contains(files, file => file.StartsWith($"{Site}/sitemap-sections-", StringComparison.Ordinal));
        Assert.Contains($"{Site}/section/desk-{run}/", locations);
        Assert.Contains($"{Site}/tag/topic-{run}/", locations);
        Assert.Contains($"{Site}/author/writer-{run}/", locations);
        Assert.Contains($"{Site}/about-{run}/", locations);
    }

    [Fact]
    public async Task AnArchiveWhoseOnlyArticlesAreHiddenIsNotListed()
    {
        var run = Run();
        await PublishAsync(Story($"Draft {run}", sections: [$"Quiet desk {run}"], tags: [$"Quiet topic {run}"]) with { Status = ArticleStatus.Draft });
        await PublishAsync(Story($"Tomorrow {run}", Now.AddDays(1), [$"Quiet desk {run}"], [$"Quiet topic {run}"]));

        var (_, urls) = await CrawlAsync(Client);

        Assert.DoesNotContain(urls, url => Loc(url).Contains(run, StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnpublishingTakesAnArticleOutOfItsFileAndChangesTheFilesTag()
    {
        var editor = await MemberAsync(NewsroomRole.Editor);
        var draft = await DraftAsync(editor, Input(Unique("Withdrawn")));
        Assert.True((await Editor.PublishAsync(editor, draft.Article.Id, 1)).Succeeded);
        var file = FileOf(draft.Article.Id);
        using var first = await Client.GetAsync(new Uri(file));
        var before = await first.Content.ReadAsStringAsync();
        Assert.Contains("/withdrawn-", before, StringComparison.Ordinal);

        Assert.True((await Editor.UnpublishAsync(editor, draft.Article.Id, 2)).Succeeded);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(file));
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var second = await Client.SendAsync(request);

        Assert.True(second.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"got {second.StatusCode}");
        Assert.DoesNotContain("/withdrawn-", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/sitemap.xml")]
    [InlineData("article file")]
    public async Task ARepeatWithTheTagIsAnswered304(string path)
    {
        var article = await PublishAsync(Story($"Repeat {Run()}", Now.AddHours(-1)));
        var uri = new Uri(path == "article file" ? FileOf(article.Id) : Site + path);
        using var first = await Client.GetAsync(uri);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("application/xml", first.Content.Headers.ContentType!.MediaType);
        Assert.NotNull(first.Content.Headers.LastModified);

        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var repeat = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, repeat.StatusCode);
        Assert.Empty(await repeat.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task ArticleFilesAreNeverHeldInThePageCacheWhileTheIndexIs()
    {
        var article = await PublishAsync(Story($"Uncached {Run()}", Now.AddHours(-1)));
        foreach (var (uri, cached) in new[] { (new Uri(FileOf(article.Id)), false), (new Uri(Site + "/sitemap.xml"), true) })
        {
            using var first = await Client.GetAsync(uri);
            using var second = await Client.GetAsync(uri);

            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
            Assert.Equal(cached, second.Headers.Age is not null);
        }
    }

    [Theory]
    [InlineData("/sitemap-articles-0.xml")]
    [InlineData("/sitemap-articles-999999.xml")]
    [InlineData("/sitemap-tags-x.xml")]
    public async Task AFileWithNothingPublicIsNotFound(string path) =>
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(path)).Status);

    [Fact]
    public async Task TheNewsSitemapHoldsTheLastTwoDaysWithGoogleNewsMetadata()
    {
        var run = Run();
        var fresh = await PublishAsync(Story($"Rates & <bonds> {run}", Now.AddHours(-1)));
        var older = await PublishAsync(Story($"Two days {run}", Now.AddHours(-47)));
        await PublishAsync(Story($"Too old {run}", Now.AddHours(-49)));
        await PublishAsync(Story($"Tomorrow {run}", Now.AddDays(1)));

        var (status, xml, response) = await GetAsync("/news-sitemap.xml");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        var urls = Valid(xml).Root!.Elements(Sitemap + "url").Where(url => Loc(url).Contains(run, StringComparison.Ordinal)).ToList();
        Assert.Equal([Site + TestLinks.Of(fresh), Site + TestLinks.Of(older)], urls.Select(Loc));
        var news = urls[0].Element(News + "news")!;
        Assert.Equal("The Harbour Times", (string)news.Element(News + "publication")!.Element(News + "name")!);
        Assert.Equal("en", (string)news.Element(News + "publication")!.Element(News + "language")!);
        Assert.Equal(fresh.PublishedAt!.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), (string)news.Element(News + "publication_date")!);
        Assert.Equal($"Rates & <bonds> {run}", (string)news.Element(News + "title")!);
    }

    [Fact]
    public async Task APublicationShowsAtOnceInTheCachedIndexAndNewsSitemap()
    {
        var run = Run();
        await GetAsync("/news-sitemap.xml");
        await CrawlAsync(Client);

        var article = await PublishAsync(Story($"Breaking {run}", Now.AddMinutes(-1)));

        Assert.Contains(run, (await GetAsync("/news-sitemap.xml")).Html, StringComparison.Ordinal);
        Assert.Contains((await CrawlAsync(Client)).Urls, url => Loc(url) == Site + TestLinks.Of(article));
    }

    [Fact]
    public async Task RobotsTxtNamesBothSitemapsAndKeepsCrawlersOutOfTheNewsroom()
    {
        var (status, text, response) = await GetAsync("/robots.txt");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" }, response.Content.Headers.ContentType);
        var lines = text.Split('\n');
        Assert.Equal("User-agent: *", lines[0]);
        Assert.Contains("Disallow: /admin/", lines);
        Assert.Contains("Disallow: /preview/", lines);
        Assert.Contains("Disallow: /search?", lines);
        Assert.Contains($"Sitemap: {Site}/sitemap.xml", lines);
        Assert.Contains($"Sitemap: {Site}/news-sitemap.xml", lines);
        Assert.DoesNotContain(lines, line => line == "Disallow: /" || line.StartsWith("Disallow: /assets", StringComparison.Ordinal));
    }
}

public sealed class SitemapTestsOnSqlite(SqliteProvider provider) : SitemapTests<SqliteProvider>(provider);

public sealed class SitemapTestsOnPostgres(PostgresProvider provider) : SitemapTests<PostgresProvider>(provider);
