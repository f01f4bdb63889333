using System.Text.Json;
using Gazette.Media.Contracts;
using Gazette.Tests.Import;
using Gazette.Tests.Infrastructure;
using Gazette.Tests.Media;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.WordPressApi;

/// <summary>
/// Gazette's answers against a real WordPress's (tests/fixtures/wordpress/rest, WordPress 6.1):
/// every top-level key WordPress sends is there (no exception is needed so far), and errors carry its codes and shape.
/// </summary>
public abstract class WordPressShapeTests<TProvider>(TProvider provider) : CommentTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    [Theory]
    [InlineData("posts", "/wp-json/wp/v2/posts")]
    [InlineData("pages", "/wp-json/wp/v2/pages")]
    [InlineData("categories", "/wp-json/wp/v2/categories")]
    [InlineData("tags", "/wp-json/wp/v2/tags")]
    [InlineData("users", "/wp-json/wp/v2/users")]
    [InlineData("comments", "/wp-json/wp/v2/comments")]
    [InlineData("media", "/wp-json/wp/v2/media")]
    public async Task ListsCarryEveryKeyWordPressSends(string fixture, string path)
    {
        await SiteWithEverythingAsync();
        var wordpress = WordPressFixtures.Rest(fixture).RootElement[0];

        var gazette = await FirstAsync(path);

        AssertKeys(wordpress, gazette, fixture);
    }

    [Fact]
    public async Task DiscoveryCarriesEveryKeyWordPressSends()
    {
        var (_, body, _) = await GetAsync("/wp-json/");
        AssertKeys(WordPressFixtures.Rest("discovery").RootElement, JsonDocument.Parse(body).RootElement, "discovery");
    }

    [Theory]
    [InlineData("error-404-post", "GET", "/wp-json/wp/v2/posts/987654321")]
    [InlineData("error-400-per-page-1000", "GET", "/wp-json/wp/v2/posts?per_page=1000")]
    [InlineData("error-401-create-comment-anonymous", "POST", "/wp-json/wp/v2/comments")]
    [InlineData("error-401-create-post-anonymous", "POST", "/wp-json/wp/v2/posts")]
    public async Task ErrorsAreWordPresss(string fixture, string method, string path)
    {
        var wordpress = WordPressFixtures.Rest(fixture).RootElement;
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (method == "POST")
        {
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }
        using var response = await Client.SendAsync(request);
        var gazette = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(wordpress.GetProperty("data").GetProperty("status").GetInt32(), (int)response.StatusCode);
        Assert.Equal(wordpress.GetProperty("code").GetString(), gazette.GetProperty("code").GetString());
        Assert.Equal(wordpress.GetProperty("message").GetString(), gazette.GetProperty("message").GetString());
        AssertKeys(wordpress, gazette, fixture);
        AssertKeys(wordpress.GetProperty("data"), gazette.GetProperty("data"), fixture + ".data");
    }

    private async Task SiteWithEverythingAsync()
    {
        var member = (await Factory.Services.GetRequiredService<Gazette.Articles.Contracts.IBylineMembers>().EnsureAsync(["Shape Writer"], CancellationToken.None))["Shape Writer"];
        var article = await PublishAsync(Story("Shaped story", Factory.Clock.GetUtcNow().AddMinutes(-5), sections: ["Shapes"], tags: ["Outlines"])
            with { Bylines = ["Shape Writer"], BylineMembers = new Dictionary<string, long> { ["Shape Writer"] = member } });
        await PublishAsync(Story("Shaped page") with { Kind = Gazette.Articles.ArticleKind.Page, Slug = "shaped-page", PublishedAt = Factory.Clock.GetUtcNow().AddMinutes(-5) });
        await ApprovedCommentAsync("A comment with a shape " + Guid.NewGuid().ToString("N"));
        using var image = new MemoryStream(TestImages.Jpeg(320, 200));
        await Factory.Services.GetRequiredService<IImageImport>().ImportAsync(image, "shape.jpg", "A shape", "Test", "", CancellationToken.None);
        Assert.True(article.Id > 0);
    }

    private async Task<JsonElement> FirstAsync(string path)
    {
        var (status, body, _) = await GetAsync(path);
        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        var list = JsonDocument.Parse(body).RootElement;
        Assert.True(list.GetArrayLength() > 0, path);
        return list[0].Clone();
    }

    private static void AssertKeys(JsonElement wordpress, JsonElement gazette, string what)
    {
        var missing = wordpress.EnumerateObject().Select(property => property.Name).Where(key => !gazette.TryGetProperty(key, out _)).ToList();
        Assert.True(missing.Count == 0, $"{what} lacks {string.Join(", ", missing)}");
    }
}

public sealed class WordPressShapeTestsOnSqlite(SqliteProvider provider) : WordPressShapeTests<SqliteProvider>(provider);

public sealed class WordPressShapeTestsOnPostgres(PostgresProvider provider) : WordPressShapeTests<PostgresProvider>(provider);
