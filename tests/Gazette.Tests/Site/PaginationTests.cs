using System.Net;
using System.Text.RegularExpressions;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Site;

public abstract partial class PaginationTests<TProvider>(TProvider provider) : SiteTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    [Fact]
    public async Task ListingsShowTwentyAPageNewestFirstAndLinkToOlderPages()
    {
        await PublishSeriesAsync("Paged story", new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero), sections: ["Paging"]);

        var titles = new List<string>();
        string? next = "/section/paging/";
        var pages = 0;
        while (next is not null)
        {
            var (status, html, _) = await GetAsync(next);
            Assert.Equal(HttpStatusCode.OK, status);
            var onPage = CardTitle().Matches(html).Select(match => match.Groups[1].Value).ToList();
            Assert.True(onPage.Count <= 20);
            titles.AddRange(onPage);
            next = OlderLink().Match(html) is { Success: true } older ? System.Net.WebUtility.HtmlDecode(older.Groups[1].Value) : null;
            if (pages++ > 0)
            {
                Assert.Contains("<a class=\"pager__newest\"", html, StringComparison.Ordinal);
                Assert.Contains("href=\"/section/paging/\">← Latest</a>", html, StringComparison.Ordinal);
            }
        }

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(1, 44).Reverse().Select(i => $"Paged story {i:D2}"), titles);
    }

    [Fact]
    public async Task NewerLinksWalkBackThroughTheSamePages()
    {
        await PublishSeriesAsync("Back story", new DateTimeOffset(2025, 7, 1, 12, 0, 0, TimeSpan.Zero), tags: ["Backwards"]);
        var forward = new List<string>();
        string? next = "/tag/backwards/";
        while (next is not null)
        {
            forward.Add(next);
            var (_, html, _) = await GetAsync(next);
            next = OlderLink().Match(html) is { Success: true } older ? WebUtility.HtmlDecode(older.Groups[1].Value) : null;
        }

        var backward = new List<string> { forward[^1] };
        while (NewerLink().Match((await GetAsync(backward[^1])).Html) is { Success: true } newer)
        {
            backward.Add(WebUtility.HtmlDecode(newer.Groups[1].Value));
        }

        Assert.Equal(3, forward.Count);
        Assert.Equal(Enumerable.Reverse(forward), backward);
        Assert.DoesNotContain("rel=\"prev\"", (await GetAsync("/tag/backwards/")).Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/?before=999999")]
    [InlineData("/?before=abc")]
    [InlineData("/?before=-1")]
    [InlineData("/?before=001")]
    public async Task AnOlderPageFromNowhereIsA404(string path)
    {
        var (status, _, _) = await GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    /// <summary>44 stories an hour apart: two full pages and a part.</summary>
    private async Task PublishSeriesAsync(string title, DateTimeOffset start, string[]? sections = null, string[]? tags = null)
    {
        for (var i = 1; i <= 44; i++)
        {
            await PublishAsync(Story($"{title} {i:D2}", start.AddHours(i), sections, tags));
        }
    }

    [GeneratedRegex("<h2 class=\"card__title\"><a href=\"[^\"]+\">([^<]+)</a></h2>")]
    private static partial Regex CardTitle();

    [GeneratedRegex("<a class=\"pager__ne(?:wer|west)\" rel=\"prev\" href=\"([^\"]+)\">")]
    private static partial Regex NewerLink();

    [GeneratedRegex("<a class=\"pager__older\" rel=\"next\" href=\"([^\"]+)\">")]
    private static partial Regex OlderLink();
}

public sealed class PaginationTestsOnSqlite(SqliteProvider provider) : PaginationTests<SqliteProvider>(provider);

public sealed class PaginationTestsOnPostgres(PostgresProvider provider) : PaginationTests<PostgresProvider>(provider);
