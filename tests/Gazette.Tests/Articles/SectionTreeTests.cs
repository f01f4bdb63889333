using System.Globalization;
using System.Net;
using System.Text.Json;
using Dapper;
using Gazette.Articles;
using Gazette.Import;
using Gazette.Tests.Infrastructure;
using Gazette.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Articles;

/// <summary>
/// Sections under sections (issue 12: WordPress's category hierarchy), on both databases: the store refuses
/// loops, the newsroom's form says so by the field, a parent's page lists and links what is beneath it, old
/// links and the WordPress API follow the tree, and an import keeps it whatever the file's order.
/// </summary>
public abstract class SectionTreeTests<TProvider>(TProvider provider) : SiteTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    private static string Run() => "t" + Guid.NewGuid().ToString("N")[..8];

    private DateTimeOffset Recently => Factory.Clock.GetUtcNow().AddHours(-1);

    [Fact]
    public async Task TheStorePlacesASectionAndRefusesItUnderItselfOrItsOwnDescendant()
    {
        var run = Run();
        var (news, local, street) = await TreeAsync(run);
        await using var connection = await Provider.Database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();

        Assert.Null(await SectionTree.PlaceAsync(connection, transaction, street, local, default));
        var underItself = await SectionTree.PlaceAsync(connection, transaction, news, news, default);
        var underDescendant = await SectionTree.PlaceAsync(connection, transaction, news, street, default);

        Assert.NotNull(underItself);
        Assert.Contains("beneath", underDescendant, StringComparison.Ordinal);
        Assert.Equal([news, local, street], (await SectionTree.BranchAsync(connection, transaction, news, default)).Order());
        Assert.Null(await connection.ExecuteScalarAsync<long?>("select parent_id from sections where id = @news", new { news }, transaction));
    }

    [Fact]
    public async Task AnEditorChoosesAParentAndALoopIsRefusedByTheFieldWithTheChoiceKept()
    {
        var run = Run();
        var (news, local, _) = await TreeAsync(run);
        using var editor = await Newsroom.MemberAsync(Factory, $"editor-{run}", NewsroomRole.Editor);
        using var contributor = await Newsroom.MemberAsync(Factory, $"contributor-{run}", NewsroomRole.Contributor);
        var form = (await editor.GetStringAsync("/admin/sections")).ReplaceLineEndings("");
        var cachedPage = (await GetAsync($"/section/news-{run}/")).Html;
        using var cachedCategory = await JsonAsync($"/wp-json/wp/v2/categories/{local}");

        using var refused = await Newsroom.PostFormAsync(editor, "/admin/sections", new() { ["id"] = Text(news), ["parent"] = Text(local) });
        var page = await refused.Content.ReadAsStringAsync();
        using var moved = await Newsroom.PostFormAsync(editor, "/admin/sections", new() { ["id"] = Text(local), ["parent"] = "" });

        Assert.Contains($"News {run} / Local {run}", form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains($"<span class=\"error\" id=\"parent-{news}-error\">That section sits beneath this one", page, StringComparison.Ordinal);
        Assert.Matches($"<select id=\"parent-{news}\" name=\"parent\" aria-invalid=\"true\"[^>]*>.*?<option value=\"{local}\" selected=\"selected\">", page.ReplaceLineEndings(""));
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        await using var connection = await Provider.Database.OpenAsync();
        Assert.Equal([(news, (long?)null), (local, null)], await connection.QueryAsync<(long, long?)>(
            "select id, parent_id from sections where id in (@news, @local) order by id", new { news, local }));
        Assert.Equal(HttpStatusCode.Forbidden, (await contributor.GetAsync("/admin/sections")).StatusCode);
        // The pages cached before the move follow it: SectionMoved evicts them.
        Assert.Contains($"Local story {run}", cachedPage, StringComparison.Ordinal);
        Assert.DoesNotContain($"Local story {run}", (await GetAsync($"/section/news-{run}/")).Html, StringComparison.Ordinal);
        Assert.Equal(news, cachedCategory.RootElement.GetProperty("parent").GetInt64());
        using var category = await JsonAsync($"/wp-json/wp/v2/categories/{local}");
        Assert.Equal(0, category.RootElement.GetProperty("parent").GetInt64());
    }

    [Fact]
    public async Task AParentsPageListsTheArticlesBeneathItNewestFirstByKeysetAndLinksItsSubsections()
    {
        var run = Run();
        await TreeAsync(run);
        var before = (await GetAsync($"/section/news-{run}/")).Html;

        // Published after the page was cached: the branch's tags evict it.
        var deep = await PublishAsync(Story($"Street story {run}", Recently.AddMinutes(10), [$"Street {run}"]));
        var (status, html, _) = await GetAsync($"/section/news-{run}/");
        var older = (await GetAsync($"/section/news-{run}/?before={deep.Id}")).Html;

        Assert.DoesNotContain($"Street story {run}", before, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(html.IndexOf($"Street story {run}", StringComparison.Ordinal) < html.IndexOf($"Local story {run}", StringComparison.Ordinal));
        Assert.Contains($"News story {run}", html, StringComparison.Ordinal);
        Assert.Contains($"<nav class=\"listing__subsections\" aria-label=\"Sections in News {run}\"><ul><li><a href=\"/section/local-{run}/\">Local {run}</a></li></ul></nav>", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"Street story {run}", older, StringComparison.Ordinal);
        Assert.Contains($"Local story {run}", older, StringComparison.Ordinal);
        var local = (await GetAsync($"/section/local-{run}/")).Html;
        Assert.DoesNotContain($"News story {run}", local, StringComparison.Ordinal);
        Assert.Contains($"in News {run}", (await GetAsync("/sections/")).Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WordPressLinksToAChildCategoryAnswer301ToItsSection()
    {
        var run = Run();
        await TreeAsync(run);

        var response = (await GetAsync($"/category/news-{run}/local-{run}/")).Response;
        var feed = (await GetAsync($"/category/news-{run}/local-{run}/feed/")).Response;

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal($"/section/local-{run}/", response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.MovedPermanently, feed.StatusCode);
        Assert.Equal($"/section/local-{run}/feed/", feed.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task TheWordPressApiShowsEachCategorysParentAndFiltersByIt()
    {
        var run = Run();
        var (news, local, street) = await TreeAsync(run);

        using var beneath = await JsonAsync($"/wp-json/wp/v2/categories?parent={news}");
        using var top = await JsonAsync($"/wp-json/wp/v2/categories?parent=0&search={run}&per_page=100");
        using var one = await JsonAsync($"/wp-json/wp/v2/categories/{street}");

        var child = Assert.Single(beneath.RootElement.EnumerateArray());
        Assert.Equal(local, child.GetProperty("id").GetInt64());
        Assert.Equal(news, child.GetProperty("parent").GetInt64());
        var up = child.GetProperty("_links").GetProperty("up")[0];
        Assert.True(up.GetProperty("embeddable").GetBoolean());
        Assert.Equal($"http://localhost/wp-json/wp/v2/categories/{news}", up.GetProperty("href").GetString());
        Assert.Equal([news], top.RootElement.EnumerateArray().Select(term => term.GetProperty("id").GetInt64()));
        Assert.Equal(0, top.RootElement[0].GetProperty("parent").GetInt64());
        Assert.False(top.RootElement[0].GetProperty("_links").TryGetProperty("up", out _));
        Assert.Equal(local, one.RootElement.GetProperty("parent").GetInt64());
    }

    [Fact]
    public async Task AnImportKeepsTheTreeWhateverTheFilesOrderAndASecondRunChangesNothing()
    {
        var run = Run();
        var postId = Random.Shared.NextInt64(1_000_000, 9_000_000);
        var file = Path.Combine(Path.GetTempPath(), $"gazette-tree-{run}.xml");
        // Not an empty site: the import then keeps ids and may adopt permalinks, which other tests here do not expect.
        await PublishAsync(Story($"Already here {run}", Recently));
        await File.WriteAllTextAsync(file, Export(run, postId));
        try
        {
            var import = Factory.Services.GetRequiredService<WordPressImport>();
            var first = await import.RunAsync(() => File.OpenRead(file), null, _ => { }, default);
            var tree = await TreeRowsAsync(run);
            var second = await import.RunAsync(() => File.OpenRead(file), null, _ => { }, default);

            // Local is listed before its parent; Europe and Asia name each other (a damaged export): the second is left at the top.
            Assert.Equal(
                [($"asia-{run}", $"europe-{run}"), ($"europe-{run}", ""), ($"local-{run}", $"news-{run}"), ($"news-{run}", "")],
                tree);
            Assert.Equal([$"europe-{run}"], first.LeftAtTop);
            Assert.Equal(tree, await TreeRowsAsync(run));
            Assert.Empty(second.LeftAtTop);
            Assert.Contains($"Imported story {run}", (await GetAsync($"/section/news-{run}/")).Html, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>News › Local › Street, each with a story (Local's newest but for Street's), the tree placed through the store.</summary>
    private async Task<(long News, long Local, long Street)> TreeAsync(string run)
    {
        await PublishAsync(Story($"News story {run}", Recently.AddMinutes(-20), [$"News {run}"]));
        await PublishAsync(Story($"Local story {run}", Recently, [$"Local {run}"]));
        await PublishAsync(Story($"Street first {run}", Recently.AddMinutes(-40), [$"Street {run}"]));
        await using var connection = await Provider.Database.OpenAsync();
        var ids = (await connection.QueryAsync<(string Slug, long Id)>(
            $"select slug, id from sections where {Provider.Database.Dialect.InList("slug", "slugs")}", new { slugs = new[] { $"news-{run}", $"local-{run}", $"street-{run}" } })).ToDictionary(row => row.Slug, row => row.Id);
        await using var transaction = await connection.BeginTransactionAsync();
        Assert.Null(await SectionTree.PlaceAsync(connection, transaction, ids[$"local-{run}"], ids[$"news-{run}"], default));
        Assert.Null(await SectionTree.PlaceAsync(connection, transaction, ids[$"street-{run}"], ids[$"local-{run}"], default));
        await transaction.CommitAsync();
        return (ids[$"news-{run}"], ids[$"local-{run}"], ids[$"street-{run}"]);
    }

    private async Task<List<(string, string)>> TreeRowsAsync(string run)
    {
        await using var connection = await Provider.Database.OpenAsync();
        return (await connection.QueryAsync<(string, string)>(
            "select s.slug, coalesce(p.slug, '') from sections s left join sections p on p.id = s.parent_id where s.slug like @pattern order by s.slug",
            new { pattern = $"%-{run}" })).AsList();
    }

    private async Task<JsonDocument> JsonAsync(string path)
    {
        var (status, body, _) = await GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, status);
        return JsonDocument.Parse(body);
    }

    private static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Export(string run, long postId) => $"""
        <?xml version="1.0" encoding="UTF-8" ?>
        <rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/"
             xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
        <channel>
          <title>Tree</title>
          <wp:wxr_version>1.2</wp:wxr_version>
          <wp:category><wp:term_id>3</wp:term_id><wp:category_nicename><![CDATA[local-{run}]]></wp:category_nicename><wp:category_parent><![CDATA[news-{run}]]></wp:category_parent><wp:cat_name><![CDATA[Local {run}]]></wp:cat_name></wp:category>
          <wp:category><wp:term_id>2</wp:term_id><wp:category_nicename><![CDATA[news-{run}]]></wp:category_nicename><wp:category_parent><![CDATA[]]></wp:category_parent><wp:cat_name><![CDATA[News {run}]]></wp:cat_name></wp:category>
          <wp:category><wp:term_id>4</wp:term_id><wp:category_nicename><![CDATA[asia-{run}]]></wp:category_nicename><wp:category_parent><![CDATA[europe-{run}]]></wp:category_parent><wp:cat_name><![CDATA[Asia {run}]]></wp:cat_name></wp:category>
          <wp:category><wp:term_id>5</wp:term_id><wp:category_nicename><![CDATA[europe-{run}]]></wp:category_nicename><wp:category_parent><![CDATA[asia-{run}]]></wp:category_parent><wp:cat_name><![CDATA[Europe {run}]]></wp:cat_name></wp:category>
          <item>
            <title>Imported story {run}</title>
            <dc:creator><![CDATA[tree-{run}]]></dc:creator>
            <content:encoded><![CDATA[<p>Filed under Local.</p>]]></content:encoded>
            <excerpt:encoded><![CDATA[]]></excerpt:encoded>
            <wp:post_id>{postId}</wp:post_id>
            <wp:post_date><![CDATA[2024-03-01 10:00:00]]></wp:post_date>
            <wp:post_date_gmt><![CDATA[2024-03-01 10:00:00]]></wp:post_date_gmt>
            <wp:comment_status><![CDATA[closed]]></wp:comment_status>
            <wp:post_name><![CDATA[imported-story-{run}]]></wp:post_name>
            <wp:status><![CDATA[publish]]></wp:status>
            <wp:post_parent>0</wp:post_parent>
            <wp:post_type><![CDATA[post]]></wp:post_type>
            <category domain="category" nicename="local-{run}"><![CDATA[Local {run}]]></category>
          </item>
        </channel>
        </rss>
        """;
}

public sealed class SectionTreeTestsOnSqlite(SqliteProvider provider) : SectionTreeTests<SqliteProvider>(provider);

public sealed class SectionTreeTestsOnPostgres(PostgresProvider provider) : SectionTreeTests<PostgresProvider>(provider);
