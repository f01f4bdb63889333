using Gazette.Articles;
using Gazette.Rendering;
using Microsoft.Extensions.Configuration;

namespace Gazette.Tests.Rendering;

public sealed class ThemeRendererTests : IDisposable
{
    private const string Script = "<script>alert(1)</script>";
    private const string Quotes = "\"><img src=x onerror=alert(2)> 'single'";

    private static readonly string Long = string.Concat(Enumerable.Repeat("Very long headline ", 5000));
    private readonly string _themeFolder = Directory.CreateTempSubdirectory("gazette-theme-").FullName;

    public void Dispose() => Directory.Delete(_themeFolder, recursive: true);

    private static async Task<string> TextOf(Task<PageOutput> rendering)
    {
        using var page = await rendering;
        return page.ToString();
    }

    public static TheoryData<string> Pages => ["home", "archive", "article", "404"];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task EveryTemplateEncodesHostileValues(string template)
    {
        var html = await TextOf(Renderer().RenderPageAsync(template, HostileSite(), HostileMeta(), HostileModel()));

        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt; &#x27;single&#x27;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LongValuesArePrintedWhole()
    {
        var html = await TextOf(Renderer().RenderPageAsync("article", HostileSite(), HostileMeta() with { Title = Long }, HostileModel(title: Long)));

        Assert.Contains(Long.TrimEnd(), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlySanitizedHtmlIsPrintedRaw()
    {
        var body = new MarkdownRenderer().Render("**Bold** <script>alert(3)</script> <a href=\"javascript:alert(4)\">x</a>");
        var html = await TextOf(Renderer().RenderPageAsync("article", HostileSite(), HostileMeta(), HostileModel(body: body)));

        Assert.Contains("<strong>Bold</strong>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("alert(3)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheRawFilterCannotUnescapeAValue()
    {
        await File.WriteAllTextAsync(Path.Combine(_themeFolder, "404.liquid"), "<p>{{ page.title | raw }}</p>");

        var html = await TextOf(Renderer(_themeFolder).RenderPageAsync("404", HostileSite(), HostileMeta(), HostileModel()));

        Assert.Contains("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATemplateOnDiskOverridesTheEmbeddedOneFileByFile()
    {
        await File.WriteAllTextAsync(Path.Combine(_themeFolder, "404.liquid"), "<p class=\"custom\">Lost? {{ site.title }}</p>");

        var html = await TextOf(Renderer(_themeFolder).RenderPageAsync("404", new SiteView("The Daily", "", []), HostileMeta(), HostileModel()));

        Assert.Contains("<p class=\"custom\">Lost? The Daily</p>", html, StringComparison.Ordinal);
        Assert.Contains("class=\"masthead\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALayoutMayTestAndFilterTheRenderedBodyWhichIsThenEncoded()
    {
        await File.WriteAllTextAsync(Path.Combine(_themeFolder, "404.liquid"), "<p>Lost</p>");
        await File.WriteAllTextAsync(Path.Combine(_themeFolder, "layout.liquid"), "<main>{{ content }}</main>{% if content contains 'Lost' %}{{ content | upcase }}{% endif %}");

        var html = await TextOf(Renderer(_themeFolder).RenderPageAsync("404", HostileSite(), HostileMeta(), HostileModel()));

        Assert.Equal("<main><p>Lost</p></main>&lt;P&gt;LOST&lt;/P&gt;", html);
    }

    [Theory]
    [InlineData("{% for i in (1..3000000) %}{% endfor %}")]
    [InlineData("{% for i in (1..100000) %}{{ page.title }}{{ page.title }}{{ page.title }}{% endfor %}")]
    [InlineData("{% render '404' %}")]
    public async Task RunawayTemplatesAreStoppedByTheLimits(string template)
    {
        await File.WriteAllTextAsync(Path.Combine(_themeFolder, "404.liquid"), template);

        await Assert.ThrowsAsync<ThemeException>(() => Renderer(_themeFolder).RenderPageAsync("404", HostileSite(), HostileMeta() with { Title = Long }, HostileModel()));
    }

    [Fact]
    public async Task ABrokenTemplateIsNamed()
    {
        await File.WriteAllTextAsync(Path.Combine(_themeFolder, "404.liquid"), "{% if %}");

        var error = await Assert.ThrowsAsync<ThemeException>(() => Renderer(_themeFolder).RenderPageAsync("404", HostileSite(), HostileMeta(), HostileModel()));

        Assert.Contains("404.liquid", error.Message, StringComparison.Ordinal);
    }

    private static ThemeRenderer Renderer(string? themePath = null) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [ThemeRenderer.ThemePathKey] = themePath }).Build(),
            [new ThemeModel(typeof(ArticleView)), new ThemeModel(typeof(ArticleCard)), new ThemeModel(typeof(ListingView)), new ThemeModel(typeof(SectionBlock))],
            [new PageSlot(BreakingNewsSlot.Name, typeof(BreakingNewsSlot))]);

    private static SiteView HostileSite() => new(Script, Quotes, [new LinkView(Script, "/section/x/?q=" + Quotes)]);

    private static PageMeta HostileMeta() => new(Script, Quotes, "https://example.org/" + Quotes, NoIndex: true);

    private static Dictionary<string, object?> HostileModel(string title = Script, SafeHtml? body = null)
    {
        var date = new DateView(Quotes, Script);
        var link = new LinkView(Script, "/tag/" + Quotes);
        var card = new ArticleCard(title, "/2024/04/" + Quotes, Quotes, date, link, Script, 3);
        return new Dictionary<string, object?>
        {
            ["article"] = new ArticleView(title, "/x/", Quotes, body ?? SafeHtml.FromSanitizer("<p>Body</p>"), date, date, [new BylineView(link.Name, link.Url)], [link], [link], 2),
            ["listing"] = new ListingView(Script, Quotes, [card, card], "/?before=" + Quotes, "/"),
        };
    }
}
