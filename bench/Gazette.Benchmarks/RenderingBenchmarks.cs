using BenchmarkDotNet.Attributes;
using Gazette.Articles;
using Gazette.Comments;
using Gazette.Rendering;
using Microsoft.Extensions.Configuration;

namespace Gazette.Benchmarks;

/// <summary>
/// The work an uncached article page does (the theme rendering the sample
/// article with 50 comments) and the work done once per save (Markdown, a
/// comment's text). Cached pages never reach this code; cache misses do.
/// </summary>
[MemoryDiagnoser]
public class RenderingBenchmarks
{
    private readonly ThemeRenderer _theme = new(new ConfigurationBuilder().Build(),
        new[] { typeof(ArticleView), typeof(ArticleCard), typeof(ListingView), typeof(CommentView), typeof(CommentFormView), typeof(DiscussionView) }.Select(type => new ThemeModel(type)),
        [new PageSlot(BreakingNewsSlot.Name, typeof(BreakingNewsSlot))]);
    private readonly MarkdownRenderer _markdown = new();
    private string _sampleMarkdown = "";
    private Dictionary<string, object?> _model = [];
    private SiteView _site = null!;
    private PageMeta _meta = null!;

    [GlobalSetup]
    public void Setup()
    {
        using var stream = typeof(MarkdownRenderer).Assembly.GetManifestResourceStream("Gazette.Articles.sample-article.md")!;
        _sampleMarkdown = new StreamReader(stream).ReadToEnd();
        var published = new DateView("2024-04-22T08:00:00Z", "April 22, 2024");
        var section = new LinkView("World", "/section/world/");
        var article = new ArticleView("China Outlines Five Goals for Antony Blinken’s Visit to Foster US Relations", "/2024/04/sample/", "Summary",
            _markdown.Render(_sampleMarkdown), published, null, [new BylineView("Gazette Newsroom", null)], [section], [new LinkView("China", "/tag/china/")], 50);
        var comments = Enumerable.Range(1, 50).Select(i => new CommentView(i, $"Reader {i}", null, false, "R" + i % 10, i % 8, published,
            CommentText.FromPlainText($"Comment number {i}, with a link https://example.org/{i} and two sentences. The second one."), false,
            $"/2024/04/sample/?replytocom={i}#respond", $"/comments/{i}/report", [])).ToList();
        var form = new CommentFormView(1, 0, null, "/2024/04/sample/#respond", "", "", "", "", null, null, null, null, null, null);
        _model = new Dictionary<string, object?>
        {
            ["article"] = article,
            ["discussion"] = new DiscussionView(true, 50, "50 responses to “China Outlines Five Goals”", comments, null, null, form),
        };
        _site = new SiteView("Gazette", "News, reported and explained", [section]);
        _meta = new PageMeta(article.Title, article.Summary, "https://news.example/2024/04/sample/");
    }

    [Benchmark]
    public async Task<long> ArticlePageWith50Comments()
    {
        using var page = await _theme.RenderPageAsync("article", _site, _meta, _model);
        return page.Length;
    }

    [Benchmark]
    public SafeHtml SampleArticleMarkdown() => _markdown.Render(_sampleMarkdown);

    [Benchmark]
    public SafeHtml CommentPlainText() => CommentText.FromPlainText("A fair point, but see https://example.org/report?id=7 for the numbers.\n\nAnd a second paragraph.");
}
