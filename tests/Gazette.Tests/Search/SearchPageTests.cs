using System.Net;
using Gazette.Articles;
using Gazette.Events;
using Gazette.Search;
using Gazette.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Search;

/// <summary>The index follows the event log, /search shows what the public may see, and no query gives a 500, on both databases.</summary>
public abstract class SearchPageTests<TProvider>(TProvider provider) : SiteTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    private SearchIndex Index => Factory.Services.GetRequiredService<SearchIndex>();

    private static string Run() => "z" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Delivers the log to the subscriber (the job runner is not running in tests) until the index shows <paramref name="count"/> matches.</summary>
    private async Task UntilIndexedAsync(string query, int count) =>
        await Wait.UntilAsync(async () =>
        {
            await Factory.Services.GetRequiredService<ClusterEventPump>().RunAsync(CancellationToken.None);
            return (await Index.SearchAsync(SearchQuery.Parse(query), 0, 10, CancellationToken.None)).Total == count;
        });

    [Fact]
    public async Task APublishedArticleIsFoundWithAHighlightedSnippetAndEmbargoedOnesAreNot()
    {
        var run = Run();
        await PublishAsync(Story($"Harbour <b>budget</b> {run}", Factory.Clock.GetUtcNow().AddHours(-1)));
        await PublishAsync(Story($"Embargoed {run}", Factory.Clock.GetUtcNow().AddDays(1)));
        await PublishAsync(Story($"Draft {run}") with { Status = ArticleStatus.Draft });
        await UntilIndexedAsync(run, 1);

        var (status, html, _) = await GetAsync($"/search?q={run}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("1 result for", html, StringComparison.Ordinal);
        Assert.Contains($"<mark>{run}</mark>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;budget&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"Embargoed {run}", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"Draft {run}", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChineseTwoCharacterWordFindsChineseText()
    {
        var run = Run();
        await PublishAsync(Story($"新闻 {run}", Factory.Clock.GetUtcNow().AddHours(-1)) with { BodyMarkdown = "中国外交部发言人今天在北京表示，双方将继续对话。" });
        await UntilIndexedAsync($"{run} 外交", 1);

        var (status, html, _) = await GetAsync($"/search?q={Uri.EscapeDataString($"外交 {run}")}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("1 result for", html, StringComparison.Ordinal);
        Assert.Equal(0, (await Index.SearchAsync(SearchQuery.Parse($"{run} 外国"), 0, 10, CancellationToken.None)).Total);
    }

    [Fact]
    public async Task AChineseMatchIsHighlightedInASnippetCutAroundIt()
    {
        var run = Run();
        var body = string.Concat(Enumerable.Repeat("今天天气很好，市民在公园散步。", 20)) + "中国外交部发言人表示，双方将继续对话。";
        await PublishAsync(Story($"新闻 {run}", Factory.Clock.GetUtcNow().AddHours(-1)) with { BodyMarkdown = body });
        await UntilIndexedAsync($"{run} 外交", 1);

        var (_, html, _) = await GetAsync($"/search?q={Uri.EscapeDataString($"{run} 外交")}");

        var snippet = html[html.IndexOf("<p class=\"search__snippet\">", StringComparison.Ordinal)..];
        snippet = snippet[..snippet.IndexOf("</p>", StringComparison.Ordinal)];
        Assert.Contains("<mark>外交</mark>部发言人", snippet, StringComparison.Ordinal);
        Assert.StartsWith("<p class=\"search__snippet\">…", snippet, StringComparison.Ordinal);
        Assert.InRange(snippet.Length, 10, 200);
    }

    /// <summary>Engine syntax of FTS5 and tsquery, empty and control input, and bytes that are not UTF-8 (lone surrogates, a cut character), as sent in a URL.</summary>
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\"")]
    [InlineData("%22city council%22")]
    [InlineData("budget*")]
    [InlineData("*")]
    [InlineData("-")]
    [InlineData("-budget OR (tax AND NEAR")]
    [InlineData("OR")]
    [InlineData("NEAR")]
    [InlineData("NEAR(budget tax, 2)")]
    [InlineData("%5E")]
    [InlineData("budget%5E2")]
    [InlineData(":")]
    [InlineData("body:budget")]
    [InlineData("cjk:%E4%B8%AD")]
    [InlineData("()")]
    [InlineData("((((budget")]
    [InlineData("budget %26 !tax %7C vote %3C-%3E x")]
    [InlineData("%00%07")]
    [InlineData("a%00b")]
    [InlineData("%ED%A0%80")]
    [InlineData("x%ED%B0%80y")]
    [InlineData("%F0%9F%98")]
    [InlineData("''")]
    [InlineData("!")]
    public async Task NoQueryGivesAnError(string query)
    {
        var (status, html, _) = await GetAsync($"/search?q={query}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<h1 id=\"search-heading\"", html, StringComparison.Ordinal);
    }

    /// <summary>What no URL can carry reaches the engines here: lone surrogates and NUL as characters, and long runs of Han characters.</summary>
    [Theory]
    [InlineData("\uD800")]
    [InlineData("budget\uDC00tax")]
    [InlineData("\uDBFF\uDFFF\uD800")]
    [InlineData("a\u0000b")]
    [InlineData("\"中国\" OR 外*")]
    public async Task NoStringMakesTheEngineFail(string query) =>
        Assert.True((await Index.SearchAsync(SearchQuery.Parse(query), 0, 10, CancellationToken.None)).Total >= 0);

    [Fact]
    public async Task TenThousandHanCharactersAreAnswered() =>
        Assert.True((await Index.SearchAsync(SearchQuery.Parse(string.Concat(Enumerable.Repeat("中国外交", 2500))), 0, 10, CancellationToken.None)).Total >= 0);

    [Fact]
    public async Task ATenThousandCharacterQueryIsAnswered()
    {
        var (status, _, _) = await GetAsync($"/search?q={new string('a', 5000)}%20{string.Concat(Enumerable.Repeat("x%22", 1000))}");
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("x")]
    [InlineData("1000")]
    public async Task ABadPageIsNotFound(string page) =>
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync($"/search?q=budget&page={page}")).Status);
}

public sealed class SearchPageTestsOnSqlite(SqliteProvider provider) : SearchPageTests<SqliteProvider>(provider);

public sealed class SearchPageTestsOnPostgres(PostgresProvider provider) : SearchPageTests<PostgresProvider>(provider);
