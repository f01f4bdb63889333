using Gazette.Articles;
using Gazette.Rendering;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Articles;

/// <summary>WordPress's permalink tags, written and read back; which patterns a site may use; local times across a clock change.</summary>
public sealed class PermalinkPatternTests
{
    private static readonly DateTimeOffset Published = new(2024, 4, 22, 8, 5, 9, TimeSpan.Zero);

    [Theory]
    [InlineData("/%year%/%monthnum%/%postname%/", "/2024/04/china-outlines-goals/")]
    [InlineData("/%year%/%monthnum%/%day%/%postname%/", "/2024/04/22/china-outlines-goals/")]
    [InlineData("/%postname%/", "/china-outlines-goals/")]
    [InlineData("/news/%post_id%/", "/news/1234/")]
    [InlineData("/%year%/%monthnum%/%day%/%hour%%minute%%second%-%post_id%/", "/2024/04/22/080509-1234/")]
    public void APatternWritesALinkAndReadsItBack(string pattern, string expected)
    {
        var parsed = PermalinkPattern.Parse(pattern);

        var path = parsed.Format(1234, "china-outlines-goals", Published);

        Assert.Equal(expected, path);
        var match = Assert.IsType<PermalinkMatch>(parsed.Match(path));
        Assert.True(match.Slug == "china-outlines-goals" || match.Id == 1234);
        Assert.NotNull(parsed.Match(path.TrimEnd('/')));
        Assert.NotNull(parsed.Match(path.ToUpperInvariant()));
    }

    [Theory]
    [InlineData("", "starts and ends with /")]
    [InlineData("%postname%", "starts and ends with /")]
    [InlineData("/%postname%.html", "starts and ends with /")]
    [InlineData("/%year%/%monthnum%/", "must name the article")]
    [InlineData("/%category%/%postname%/", "cannot write %category%")]
    [InlineData("/%author%/%postname%/", "cannot write %author%")]
    [InlineData("/News/%postname%/", "only lowercase letters")]
    [InlineData("/a b/%postname%/", "only lowercase letters")]
    [InlineData("/tag/%postname%/", "/tag/ belongs to the platform")]
    [InlineData("/admin/%post_id%/", "/admin/ belongs to the platform")]
    [InlineData("/news//%postname%/", "empty segment")]
    public void APatternTheSiteCannotUseIsRefusedWithAReason(string pattern, string reason)
    {
        var problem = PermalinkPattern.Problem(pattern);

        Assert.NotNull(problem);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => PermalinkPattern.Parse(pattern));
    }

    [Fact]
    public void ARetiredPatternReadsCategoriesAndAuthorsAsWildcards()
    {
        var categories = PermalinkPattern.Retired("/%category%/%postname%/")!;
        var authors = PermalinkPattern.Retired("/%author%/%year%/%post_id%.html")!;

        Assert.Equal(new PermalinkMatch("blinken-visit", null), categories.Match("/world/asia/blinken-visit/"));
        Assert.Equal(new PermalinkMatch(null, 77), authors.Match("/jane-doe/2019/77.html"));
        Assert.Null(authors.Match("/jane-doe/2019/77/"));
        Assert.Null(PermalinkPattern.Retired("/%year%/%monthnum%/"));
        Assert.Null(PermalinkPattern.Retired("?p=%post_id%"));
    }

    [Fact]
    public void ADateInTheLinkIsTheSiteTimeZonesDate()
    {
        var links = new Permalinks(Options(new PermalinkOptions { Permalinks = "/%year%/%monthnum%/%day%/%postname%/" }), new SiteTime(Options(new SiteOptions { TimeZone = "Asia/Shanghai" })));

        Assert.Equal("/2024/05/01/may-day/", links.Article(1, "may-day", new DateTimeOffset(2024, 4, 30, 20, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void AnInvalidConfiguredPatternLeavesTheDefaultInPlace()
    {
        var links = new Permalinks(Options(new PermalinkOptions { Permalinks = "/%category%/%postname%/" }), new SiteTime(Options(new SiteOptions())));

        Assert.Equal(PermalinkPattern.DefaultText, links.Pattern.Text);
    }

    [Fact]
    public void LocalTimesAreReadInTheSiteZoneAndATimeSkippedByTheClockChangeMovesOn()
    {
        var london = new SiteTime(Options(new SiteOptions { TimeZone = "Europe/London" }));

        Assert.Equal(new DateTimeOffset(2026, 7, 1, 8, 0, 0, TimeSpan.Zero), london.FromLocal(new DateTime(2026, 7, 1, 9, 0, 0)));
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero), london.FromLocal(new DateTime(2026, 1, 1, 9, 0, 0)));
        // 01:30 on 29 March 2026 does not exist in London: the clocks go from 01:00 to 02:00.
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), london.FromLocal(new DateTime(2026, 3, 29, 1, 30, 0)));
        Assert.Equal("April 23, 2024", new SiteTime(Options(new SiteOptions { TimeZone = "Asia/Shanghai" })).View(new DateTimeOffset(2024, 4, 22, 20, 0, 0, TimeSpan.Zero)).Display);
        Assert.Null(SiteTime.Find("Mars/Olympus_Mons"));
    }

    private static FixedOptions<T> Options<T>(T value) => new(value);
}
