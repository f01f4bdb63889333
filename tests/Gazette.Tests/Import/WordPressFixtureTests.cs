using System.Globalization;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;

namespace Gazette.Tests.Import;

/// <summary>
/// The WordPress fixtures are intact and say what their README says: other tests compare
/// Gazette's import, export and /wp-json/ answers with them, so a damaged or re-captured
/// fixture must fail here first, with a plain reason.
/// </summary>
public sealed class WordPressFixtureTests
{
    private static readonly XNamespace Wp = WordPressFixtures.Wp;

    [Fact]
    public void EveryRestBodyIsJsonBesideItsResponseHeaders()
    {
        var bodies = Directory.GetFiles(WordPressFixtures.Path("rest"), "*.json");

        Assert.True(bodies.Length >= 30, $"only {bodies.Length} REST captures");
        foreach (var body in bodies)
        {
            var name = Path.GetFileNameWithoutExtension(body);
            using var json = WordPressFixtures.Rest(name);
            var headers = WordPressFixtures.Headers(name);
            Assert.StartsWith("application/json", headers["Content-Type"], StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("posts", 7)]
    [InlineData("posts-fields-id-title", 7)]
    [InlineData("pages", 3)]
    [InlineData("categories", 4)]
    [InlineData("tags", 8)]
    [InlineData("users", 2)]
    [InlineData("comments", 5)]
    [InlineData("comments-post-5", 3)]
    [InlineData("media", 1)]
    public void ListsCarryTheirTotalsInHeaders(string name, int total)
    {
        var headers = WordPressFixtures.Headers(name);
        using var body = WordPressFixtures.Rest(name);

        Assert.Equal(200, headers.Status);
        Assert.Equal(total.ToString(CultureInfo.InvariantCulture), headers["X-WP-Total"]);
        Assert.Equal("1", headers["X-WP-TotalPages"]);
        Assert.Equal(total, body.RootElement.GetArrayLength());
    }

    [Fact]
    public void ASecondPageLinksToItsNeighbours()
    {
        var headers = WordPressFixtures.Headers("posts-page-2");
        using var body = WordPressFixtures.Rest("posts-page-2");

        Assert.Equal("7", headers["X-WP-Total"]);
        Assert.Equal("4", headers["X-WP-TotalPages"]);
        Assert.Equal(2, body.RootElement.GetArrayLength());
        Assert.Equal(
            "<http://127.0.0.1:8089/wp-json/wp/v2/posts?per_page=2&page=1>; rel=\"prev\", <http://127.0.0.1:8089/wp-json/wp/v2/posts?per_page=2&page=3>; rel=\"next\"",
            headers["Link"]);
    }

    [Fact]
    public void PagesAndTheApiRootAnnounceTheApi()
    {
        using var discovery = WordPressFixtures.Rest("discovery");

        Assert.Equal(200, WordPressFixtures.Headers("home", "http").Status);
        Assert.Equal("<http://127.0.0.1:8089/wp-json/>; rel=\"https://api.w.org/\"", WordPressFixtures.Headers("home", "http")["Link"]);
        Assert.Contains("wp/v2", discovery.RootElement.GetProperty("namespaces").EnumerateArray().Select(item => item.GetString()));
    }

    [Theory]
    [InlineData("error-404-post", 404, "rest_post_invalid_id")]
    [InlineData("error-400-per-page-1000", 400, "rest_invalid_param")]
    [InlineData("error-401-create-post-anonymous", 401, "rest_cannot_create")]
    [InlineData("error-401-create-comment-anonymous", 401, "rest_comment_login_required")]
    [InlineData("error-401-bad-application-password", 401, "rest_cannot_create")]
    public void ErrorsHaveWordPressShape(string name, int status, string code)
    {
        using var body = WordPressFixtures.Rest(name);
        var error = body.RootElement;

        Assert.Equal(status, WordPressFixtures.Headers(name).Status);
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.Equal(status, error.GetProperty("data").GetProperty("status").GetInt32());
    }

    [Fact]
    public void WritesAnswerCreatedWithTheNewItem()
    {
        using var post = WordPressFixtures.Rest("write-create-post");
        using var comment = WordPressFixtures.Rest("write-create-comment");
        var postHeaders = WordPressFixtures.Headers("write-create-post");

        Assert.Equal(201, postHeaders.Status);
        Assert.Equal("http://127.0.0.1:8089/wp-json/wp/v2/posts/17", postHeaders["Location"]);
        Assert.Equal(17, post.RootElement.GetProperty("id").GetInt32());
        Assert.Equal("draft", post.RootElement.GetProperty("status").GetString());
        Assert.Equal(201, WordPressFixtures.Headers("write-create-comment").Status);
        Assert.Equal(9, comment.RootElement.GetProperty("id").GetInt32());
        Assert.Equal(4, comment.RootElement.GetProperty("parent").GetInt32());
    }

    [Fact]
    public void TheExportIsWordPressWxr12()
    {
        var export = WordPressFixtures.ExportWithAmpersandsEscaped();

        Assert.Contains("<!-- generator=\"WordPress/6.1.9\"", WordPressFixtures.ExportText(), StringComparison.Ordinal);
        Assert.Equal("1.2", export.Root!.Element("channel")!.Element(Wp + "wxr_version")!.Value);
        Assert.Equal("http://127.0.0.1:8089", export.Root.Element("channel")!.Element(Wp + "base_site_url")!.Value);
    }

    [Fact]
    public void AStrictXmlReaderStopsAtTheRawAmpersandWordPressWritesInACommenterUrl()
    {
        var lines = File.ReadAllLines(WordPressFixtures.Path("export.xml"));
        var ampersandLine = Array.FindIndex(lines, line => line.Contains("<wp:comment_author_url>https://example.com/profile?name=jane&lang=en<", StringComparison.Ordinal)) + 1;

        var failure = Assert.Throws<XmlException>(() =>
        {
            using var reader = XmlReader.Create(WordPressFixtures.Path("export.xml"));
            while (reader.Read())
            {
            }
        });

        Assert.Equal(409, ampersandLine);
        Assert.Equal(ampersandLine, failure.LineNumber);
    }

    [Fact]
    public void EveryPostInTheReadmeIsInTheExportWithItsTypeAndStatus()
    {
        var items = ExportItems();
        using var created = WordPressFixtures.Rest("write-create-post");
        var rows = ReadmeTable("| id | type | status |");

        Assert.Equal(17, rows.Count);
        foreach (var row in rows)
        {
            var (id, type, status) = (int.Parse(row[0], CultureInfo.InvariantCulture), row[1], row[2]);
            if (type == "revision" || id == 17)
            {
                Assert.False(items.ContainsKey(id), $"post {id} should not be exported");
                continue;
            }
            Assert.True(items.TryGetValue(id, out var item), $"post {id} is not in the export");
            Assert.Equal(type, item.Element(Wp + "post_type")!.Value);
            Assert.Equal(status, item.Element(Wp + "status")!.Value);
        }
        Assert.Equal(17, created.RootElement.GetProperty("id").GetInt32());
    }

    [Fact]
    public void EveryCommentInTheReadmeIsUnderItsPostWithItsParentAndStatus()
    {
        var items = ExportItems();
        using var spam = WordPressFixtures.Rest("comments-spam");
        var rows = ReadmeTable("| id | post | parent | status |");

        Assert.Equal(9, rows.Count);
        foreach (var row in rows)
        {
            var (id, post, parent, status) = (row[0], int.Parse(row[1], CultureInfo.InvariantCulture), row[2], row[3].Split(' ')[0]);
            var comment = items[post].Elements(Wp + "comment").SingleOrDefault(comment => comment.Element(Wp + "comment_id")!.Value == id);
            if (status == "spam")
            {
                Assert.Null(comment);
                Assert.Contains(spam.RootElement.EnumerateArray(), found => found.GetProperty("id").ToString() == id && found.GetProperty("post").GetInt32() == post);
                continue;
            }
            if (id == "9")
            {
                Assert.Null(comment);
                using var created = WordPressFixtures.Rest("write-create-comment");
                Assert.Equal(parent, created.RootElement.GetProperty("parent").ToString());
                continue;
            }
            Assert.True(comment is not null, $"comment {id} is not under post {post} in the export");
            Assert.Equal(parent, comment.Element(Wp + "comment_parent")!.Value);
            Assert.Equal(status, comment.Element(Wp + "comment_approved")!.Value);
        }
    }

    [Fact]
    public void TheUploadsHoldTheAttachmentInEverySize()
    {
        using var media = WordPressFixtures.Rest("media-9");
        var details = media.RootElement.GetProperty("media_details");
        var files = details.GetProperty("sizes").EnumerateObject().Select(size => size.Value.GetProperty("file").GetString()!).ToList();

        Assert.Equal("2024/03/bridge-at-dawn.jpg", details.GetProperty("file").GetString());
        Assert.Contains("bridge-at-dawn-150x150.jpg", files);
        Assert.True(File.Exists(WordPressFixtures.Path("uploads", "2024", "03", "bridge-at-dawn.jpg")));
        Assert.All(files, file => Assert.True(File.Exists(WordPressFixtures.Path("uploads", "2024", "03", file)), file));
    }

    private static Dictionary<int, XElement> ExportItems() =>
        WordPressFixtures.ExportWithAmpersandsEscaped().Root!.Element("channel")!.Elements("item")
            .ToDictionary(item => int.Parse(item.Element(Wp + "post_id")!.Value, CultureInfo.InvariantCulture));

    /// <summary>The rows of the README's table that starts with this header, as trimmed cells without markup.</summary>
    private static List<string[]> ReadmeTable(string header) =>
        File.ReadAllLines(WordPressFixtures.Path("README.md"))
            .SkipWhile(line => !line.StartsWith(header, StringComparison.Ordinal))
            .Skip(2)
            .TakeWhile(line => line.StartsWith('|'))
            .Select(line => line.Trim('|').Split('|').Select(cell => cell.Trim().Replace("**", "", StringComparison.Ordinal)).ToArray())
            .ToList();
}
