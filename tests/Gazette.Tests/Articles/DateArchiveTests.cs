using System.Net;
using Gazette.Articles;
using Gazette.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Articles;

/// <summary>/{yyyy}/ and /{yyyy}/{mm}/: a year's or month's articles in the site's time zone; bad dates are 404s, odd spellings 301s; on both databases.</summary>
public abstract class DateArchiveTests<TProvider>(TProvider provider) : SiteTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    protected override void Configure(Dictionary<string, string?> settings) => settings["Gazette:Site:TimeZone"] = "America/New_York";

    private static string Run() => Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task AMonthHoldsWhatWasPublishedInItInTheSitesTimeZone()
    {
        var run = Run();
        // 03:00 UTC on 1 January 2011 is still 31 December 2010 in New York.
        await PublishAsync(Story($"New Year's Eve {run}", new DateTimeOffset(2011, 1, 1, 3, 0, 0, TimeSpan.Zero)));
        await PublishAsync(Story($"January {run}", new DateTimeOffset(2011, 1, 15, 12, 0, 0, TimeSpan.Zero)));

        var december = await GetAsync("/2010/12/");
        var january = await GetAsync("/2011/01/");
        var year = await GetAsync("/2010/");

        Assert.Equal(HttpStatusCode.OK, december.Status);
        Assert.Contains($"New Year's Eve {run}", WebUtility.HtmlDecode(december.Html), StringComparison.Ordinal);
        Assert.DoesNotContain($"January {run}", december.Html, StringComparison.Ordinal);
        Assert.Contains("December 2010", december.Html, StringComparison.Ordinal);
        Assert.Contains($"January {run}", january.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("New Year", january.Html, StringComparison.Ordinal);
        Assert.Contains($"New Year's Eve {run}", WebUtility.HtmlDecode(year.Html), StringComparison.Ordinal);
        Assert.Contains("<link rel=\"canonical\" href=\"http://localhost/2010/12/\">", december.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/2012/13/")]
    [InlineData("/2012/00/")]
    [InlineData("/0999/")]
    [InlineData("/9999/12/")]
    [InlineData("/99999/")]
    [InlineData("/2012/1/2/")]
    [InlineData("/1900/")]
    public async Task ABadOrEmptyPeriodIsNotFound(string path)
    {
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(path)).Status);
    }

    [Theory]
    [InlineData("/2013/3/", "/2013/03/")]
    [InlineData("/2013/03", "/2013/03/")]
    [InlineData("/2013?x=1", "/2013/?x=1")]
    public async Task AnOddSpellingIsMovedPermanently(string path, string canonical)
    {
        await PublishAsync(Story($"March {Run()}", new DateTimeOffset(2013, 3, 10, 12, 0, 0, TimeSpan.Zero)));

        var (status, _, response) = await GetAsync(path);

        Assert.Equal(HttpStatusCode.MovedPermanently, status);
        Assert.Equal(canonical, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task NoSlugIsAllDigitsSoNoneCanShadowADateArchive()
    {
        var page = await Factory.Services.GetRequiredService<ArticlePublisher>().CreateAsync(new ArticleDraft { Kind = ArticleKind.Page, Title = "2014", BodyMarkdown = "A year in review." });
        var article = await PublishAsync(Story("2015", Factory.Clock.GetUtcNow().AddHours(-1)));

        Assert.Equal("2014-2", page.Slug);
        Assert.Equal("2015-2", article.Slug);
    }
}

public sealed class DateArchiveTestsOnSqlite(SqliteProvider provider) : DateArchiveTests<SqliteProvider>(provider);

public sealed class DateArchiveTestsOnPostgres(PostgresProvider provider) : DateArchiveTests<PostgresProvider>(provider);
