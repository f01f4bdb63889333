using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Gazette.Accounts;
using Gazette.Tests.Articles;
using Gazette.Tests.Import;
using Gazette.Tests.Infrastructure;
using Gazette.Web;
using Gazette.WordPressApi;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gazette.Tests.WordPressApi;

/// <summary>
/// Writes to /wp-json/wp/v2/posts and pages as each role, on both databases,
/// against the shapes and codes of a real WordPress (tests/fixtures/wordpress/rest).
/// Every caller proves who it is with a real application password over HTTP Basic auth.
/// </summary>
public abstract class WordPressWriteTests<TProvider>(TProvider provider) : ApplicationPasswordTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private Task<(HttpResponseMessage Response, JsonElement Body)> CreateAsync(NewsroomUser? caller, string json, string collection = "posts") =>
        SendAsync(HttpMethod.Post, "/wp-json/wp/v2/" + collection, caller, Json(json));

    private static void AssertKeys(JsonElement wordpress, JsonElement gazette, string what)
    {
        var missing = wordpress.EnumerateObject().Select(property => property.Name).Where(key => !gazette.TryGetProperty(key, out _)).ToList();
        Assert.True(missing.Count == 0, $"{what} lacks {string.Join(", ", missing)}");
    }

    private static string Run() => "w" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task AnAuthorPublishesAPostThatTheSiteAndTheListShowAtOnce()
    {
        var author = await MemberAsync(NewsroomRole.Author);
        var run = Run();
        var (listed, before) = await SendAsync(HttpMethod.Get, $"/wp-json/wp/v2/posts?search={run}", null);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Equal(0, before.GetArrayLength());

        var (response, post) = await CreateAsync(author, $$"""{"title":"Written {{run}}","content":{"raw":"Created with an <em>application</em> password."},"status":"publish"}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = post.GetProperty("id").GetInt64();
        Assert.Equal($"http://localhost/wp-json/wp/v2/posts/{id}", response.Headers.Location!.ToString());
        Assert.True(response.Headers.CacheControl!.NoStore);
        var wordpress = WordPressFixtures.Rest("write-create-post").RootElement;
        AssertKeys(wordpress, post, "post");
        foreach (var field in new[] { "title", "content", "excerpt", "guid" })
        {
            AssertKeys(wordpress.GetProperty(field), post.GetProperty(field), field);
        }
        Assert.Equal("publish", post.GetProperty("status").GetString());
        Assert.Equal($"Written {run}", post.GetProperty("title").GetProperty("raw").GetString());
        Assert.Equal("Created with an <em>application</em> password.", post.GetProperty("content").GetProperty("raw").GetString());
        Assert.Contains("<em>application</em>", post.GetProperty("content").GetProperty("rendered").GetString(), StringComparison.Ordinal);
        Assert.Equal(author.Id, post.GetProperty("author").GetInt64());

        var link = new Uri(post.GetProperty("link").GetString()!).AbsolutePath;
        var (page, html, _) = await GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, page);
        Assert.Contains($"Written {run}", html, StringComparison.Ordinal);
        var (single, _) = await SendAsync(HttpMethod.Get, $"/wp-json/wp/v2/posts/{id}", null);
        Assert.Equal(HttpStatusCode.OK, single.StatusCode);
        await Wait.UntilAsync(async () => (await SendAsync(HttpMethod.Get, $"/wp-json/wp/v2/posts?search={run}", null)).Body.GetArrayLength() == 1);
    }

    [Fact]
    public async Task AnApplicationPasswordOverBasicAuthWritesAndAWrongOneIsWordPresssRefusal()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var login = "app" + tag;
        var id = await new Gazette.Accounts.UserStore(Provider.Database, Factory.Clock).CreateAsync(new Gazette.Accounts.User
        {
            Login = login,
            DisplayName = "App " + tag,
            Slug = "app-" + tag,
            Email = login + "@example.org",
            PasswordHash = Gazette.Accounts.Passwords.Hash("a password of some length"),
            Role = NewsroomRole.Author,
        });
        var password = await Factory.Services.GetRequiredService<Gazette.Accounts.ApplicationPasswordStore>().CreateAsync(id, "Phone");

        async Task<(HttpResponseMessage Response, JsonElement Body)> PostAsBasicAsync(string secret)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/wp-json/wp/v2/posts", UriKind.Relative))
            {
                Content = Json($$"""{"title":"From the phone {{tag}}","content":"Written on the go.","status":"publish"}"""),
            };
            request.Headers.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(login + ":" + secret)));
            var response = await Client.SendAsync(request);
            return (response, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
        }

        var (wrong, refusal) = await PostAsBasicAsync("abcd efgh ijkl mnop qrst uvwx");
        var wordpress = WordPressFixtures.Rest("error-401-bad-application-password").RootElement;
        AssertError(wrong, refusal, HttpStatusCode.Unauthorized, wordpress.GetProperty("code").GetString()!);
        Assert.Equal(wordpress.GetProperty("message").GetString(), refusal.GetProperty("message").GetString());

        var (created, post) = await PostAsBasicAsync(password);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(id, post.GetProperty("author").GetInt64());
        Assert.Equal("publish", post.GetProperty("status").GetString());
    }

    [Fact]
    public async Task AContributorWritesDraftsAndPendingPostsButCannotPublish()
    {
        var contributor = await MemberAsync(NewsroomRole.Contributor);
        var run = Run();

        var (refused, error) = await CreateAsync(contributor, $$"""{"title":"Refused {{run}}","status":"publish"}""");
        AssertError(refused, error, HttpStatusCode.Forbidden, "rest_cannot_publish");
        var (future, _) = await CreateAsync(contributor, $$"""{"title":"Refused {{run}}","status":"future","date":"2031-01-01T10:00:00"}""");
        Assert.Equal(HttpStatusCode.Forbidden, future.StatusCode);

        var (draft, drafted) = await CreateAsync(contributor, $$"""{"title":"Draft {{run}}"}""");
        Assert.Equal(HttpStatusCode.Created, draft.StatusCode);
        Assert.Equal("draft", drafted.GetProperty("status").GetString());
        Assert.Equal(drafted.GetProperty("guid").GetProperty("raw").GetString(), drafted.GetProperty("link").GetString());

        var (pending, submitted) = await CreateAsync(contributor, $$"""{"title":"Pending {{run}}","status":"pending"}""");
        Assert.Equal(HttpStatusCode.Created, pending.StatusCode);
        Assert.Equal("pending", submitted.GetProperty("status").GetString());

        var id = drafted.GetProperty("id").GetInt64();
        var (publish, refusal) = await SendAsync(HttpMethod.Post, $"/wp-json/wp/v2/posts/{id}", contributor, Json("""{"status":"publish"}"""));
        AssertError(publish, refusal, HttpStatusCode.Forbidden, "rest_cannot_publish");
        var (_, hidden) = await SendAsync(HttpMethod.Get, $"/wp-json/wp/v2/posts?search={run}", null);
        Assert.Equal(0, hidden.GetArrayLength());
    }

    [Fact]
    public async Task FormBodiesAreReadAsWordPressReadsThem()
    {
        var editor = await MemberAsync(NewsroomRole.Editor);
        var seeded = await DraftAsync(editor, Input(Unique("Seed"), sections: [$"Desk {Run()}"], tags: [$"Topic {Run()}", $"Other {Run()}"]));
        var (_, seed) = await SendAsync(HttpMethod.Post, $"/wp-json/wp/v2/posts/{seeded.Article.Id}", editor, Json("{}"));
        var section = seed.GetProperty("categories")[0].GetInt64();
        var tags = seed.GetProperty("tags").EnumerateArray().Select(tag => tag.GetInt64()).ToList();

        var form = new FormUrlEncodedContent(
        [
            new("title[raw]", "From a form"),
            new("content", "Typed in a form."),
            new("categories[]", section.ToString(CultureInfo.InvariantCulture)),
            new("tags", string.Join(",", tags)),
            new("comment_status", "closed"),
            new("slug", "from-a-form-" + Run()),
        ]);
        var (response, post) = await SendAsync(HttpMethod.Post, "/wp-json/wp/v2/posts", editor, form);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("From a form", post.GetProperty("title").GetProperty("raw").GetString());
        Assert.Equal([section], post.GetProperty("categories").EnumerateArray().Select(id => id.GetInt64()));
        Assert.Equal(tags.Order(), post.GetProperty("tags").EnumerateArray().Select(id => id.GetInt64()).Order());
        Assert.Equal("closed", post.GetProperty("comment_status").GetString());
        Assert.StartsWith("from-a-form-", post.GetProperty("slug").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdatesChangeWhatTheyNameByEveryMethodAndRightsAreWordPresss()
    {
        var author = await MemberAsync(NewsroomRole.Author);
        var other = await MemberAsync(NewsroomRole.Author);
        var editor = await MemberAsync(NewsroomRole.Editor);
        var (_, created) = await CreateAsync(author, $$"""{"title":"Before {{Run()}}","content":"Kept body.","excerpt":"Kept summary."}""");
        var id = created.GetProperty("id").GetInt64();
        var path = $"/wp-json/wp/v2/posts/{id}";

        foreach (var method in new[] { HttpMethod.Post, HttpMethod.Put, HttpMethod.Patch })
        {
            var (response, post) = await SendAsync(method, path, author, Json($$"""{"title":"By {{method}}"}"""));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal($"By {method}", post.GetProperty("title").GetProperty("raw").GetString());
            Assert.Equal("Kept body.", post.GetProperty("content").GetProperty("raw").GetString());
            Assert.Equal("Kept summary.", post.GetProperty("excerpt").GetProperty("raw").GetString());
        }

        var (read, draft) = await SendAsync(HttpMethod.Get, path + "?context=edit", author);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.True(read.Headers.CacheControl!.NoStore);
        Assert.Equal("By PATCH", draft.GetProperty("title").GetProperty("raw").GetString());
        var (hidden, forbidden) = await SendAsync(HttpMethod.Get, path + "?context=edit", other);
        AssertError(hidden, forbidden, HttpStatusCode.Forbidden, "rest_forbidden_context");
        var (anonymousRead, unauthorized) = await SendAsync(HttpMethod.Get, path + "?context=edit", null);
        AssertError(anonymousRead, unauthorized, HttpStatusCode.Unauthorized, "rest_forbidden_context");

        var (refused, error) = await SendAsync(HttpMethod.Post, path, other, Json("""{"title":"Not mine"}"""));
        AssertError(refused, error, HttpStatusCode.Forbidden, "rest_cannot_edit");
        var (reassign, others) = await SendAsync(HttpMethod.Post, path, author, Json($$"""{"author":{{other.Id}}}"""));
        AssertError(reassign, others, HttpStatusCode.Forbidden, "rest_cannot_edit_others");
        var (anonymous, login) = await SendAsync(HttpMethod.Post, path, null, Json("""{"title":"Anyone"}"""));
        AssertError(anonymous, login, HttpStatusCode.Unauthorized, "rest_cannot_edit");
        var (missing, invalid) = await SendAsync(HttpMethod.Post, "/wp-json/wp/v2/posts/987654321", editor, Json("""{"title":"Nothing"}"""));
        AssertError(missing, invalid, HttpStatusCode.NotFound, "rest_post_invalid_id");
        var (asPage, notPage) = await SendAsync(HttpMethod.Post, $"/wp-json/wp/v2/pages/{id}", editor, Json("""{"title":"Not a page"}"""));
        AssertError(asPage, notPage, HttpStatusCode.NotFound, "rest_post_invalid_id");

        var (bad, problems) = await SendAsync(HttpMethod.Patch, path, author, Json("""{"title":"Never saved","tags":[987654321],"status":"private"}"""));
        AssertError(bad, problems, HttpStatusCode.BadRequest, "rest_invalid_param");
        var (_, unchanged) = await SendAsync(HttpMethod.Post, path, author, Json("{}"));
        Assert.Equal("By PATCH", unchanged.GetProperty("title").GetProperty("raw").GetString());
        Assert.Equal("draft", unchanged.GetProperty("status").GetString());

        var (edited, byEditor) = await SendAsync(HttpMethod.Put, path, editor, Json("""{"title":"An editor's title","status":"publish"}"""));
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal("publish", byEditor.GetProperty("status").GetString());
        Assert.Equal(author.Id, byEditor.GetProperty("author").GetInt64());
        var (single, shown) = await SendAsync(HttpMethod.Get, path, null);
        Assert.Equal(HttpStatusCode.OK, single.StatusCode);
        Assert.Equal("An editor&#39;s title", shown.GetProperty("title").GetProperty("rendered").GetString());
    }

    [Fact]
    public async Task BadInputIsWordPresssRestInvalidParamAndChangesNothing()
    {
        var editor = await MemberAsync(NewsroomRole.Editor);
        var run = Run();

        var (types, problems) = await CreateAsync(editor, $$"""{"title":"Bad {{run}}","status":"bogus","categories":["x"],"date":"not a date","comment_status":"maybe"}""");
        AssertError(types, problems, HttpStatusCode.BadRequest, "rest_invalid_param");
        var named = problems.GetProperty("data").GetProperty("params").EnumerateObject().Select(param => param.Name).Order().ToList();
        Assert.Equal(["categories", "comment_status", "date", "status"], named);

        var (unknown, term) = await CreateAsync(editor, $$"""{"title":"Bad {{run}}","tags":[987654321]}""");
        AssertError(unknown, term, HttpStatusCode.BadRequest, "rest_invalid_param");
        Assert.True(term.GetProperty("data").GetProperty("params").TryGetProperty("tags", out _));

        var (untitled, title) = await CreateAsync(editor, """{"content":"No title."}""");
        AssertError(untitled, title, HttpStatusCode.BadRequest, "rest_invalid_param");
        Assert.True(title.GetProperty("data").GetProperty("params").TryGetProperty("title", out _));

        foreach (var (json, param) in new[] { ("""{"status":"private"}""", "status"), ("""{"sticky":true}""", "sticky"), ("""{"password":"secret"}""", "password") })
        {
            var (none, refusal) = await CreateAsync(editor, json.Replace("{", $$"""{"title":"Bad {{run}}",""", StringComparison.Ordinal));
            AssertError(none, refusal, HttpStatusCode.BadRequest, "rest_invalid_param");
            Assert.True(refusal.GetProperty("data").GetProperty("params").TryGetProperty(param, out _), param);
        }

        var (syntax, notJson) = await CreateAsync(editor, """{"title": """);
        AssertError(syntax, notJson, HttpStatusCode.BadRequest, "rest_invalid_json");
        var (exists, existing) = await CreateAsync(editor, """{"id":1,"title":"Again"}""");
        AssertError(exists, existing, HttpStatusCode.BadRequest, "rest_post_exists");

        var (_, found) = await SendAsync(HttpMethod.Get, $"/wp-json/wp/v2/posts?search={run}", null);
        Assert.Equal(0, found.GetArrayLength());
        await using var connection = await Provider.Database.OpenAsync();
        Assert.Equal(0, await Dapper.SqlMapper.ExecuteScalarAsync<int>(connection, "select count(*) from articles where title like @title", new { title = $"%{run}%" }));
    }

    [Fact]
    public async Task APostDatedToComeIsScheduledAsWordPressesFuture()
    {
        var author = await MemberAsync(NewsroomRole.Author);
        var at = Now.AddDays(3);
        var (response, post) = await CreateAsync(author, $$"""{"title":"Later {{Run()}}","status":"publish","date_gmt":"{{at.UtcDateTime:yyyy-MM-ddTHH:mm:ss}}"}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("future", post.GetProperty("status").GetString());
        Assert.Equal(at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture), post.GetProperty("date_gmt").GetString());
        var (hidden, _) = await SendAsync(HttpMethod.Get, $"/wp-json/wp/v2/posts/{post.GetProperty("id").GetInt64()}", null);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
    }

    [Fact]
    public async Task DeleteMovesToTheTrashAndNothingIsDeletedForGood()
    {
        var author = await MemberAsync(NewsroomRole.Author);
        var other = await MemberAsync(NewsroomRole.Author);
        var run = Run();
        var (_, created) = await CreateAsync(author, $$"""{"title":"Trashed {{run}}","status":"publish"}""");
        var path = $"/wp-json/wp/v2/posts/{created.GetProperty("id").GetInt64()}";
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, path, null)).Response.StatusCode);

        var (anonymous, login) = await SendAsync(HttpMethod.Delete, path, null);
        AssertError(anonymous, login, HttpStatusCode.Unauthorized, "rest_cannot_delete");
        var (notMine, refused) = await SendAsync(HttpMethod.Delete, path, other);
        AssertError(notMine, refused, HttpStatusCode.Forbidden, "rest_cannot_delete");
        var (forced, unsupported) = await SendAsync(HttpMethod.Delete, path + "?force=true", author);
        AssertError(forced, unsupported, HttpStatusCode.NotImplemented, "rest_delete_not_supported");

        var (trashed, post) = await SendAsync(HttpMethod.Delete, path, author);
        Assert.Equal(HttpStatusCode.OK, trashed.StatusCode);
        Assert.Equal("trash", post.GetProperty("status").GetString());
        var (again, gone) = await SendAsync(HttpMethod.Delete, path, author);
        AssertError(again, gone, HttpStatusCode.Gone, "rest_already_trashed");
        await Wait.UntilAsync(async () => (await SendAsync(HttpMethod.Get, path, null)).Response.StatusCode == HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task EditorsWritePagesAndAuthorsCannot()
    {
        var editor = await MemberAsync(NewsroomRole.Editor);
        var author = await MemberAsync(NewsroomRole.Author);
        var run = Run();

        var (refused, error) = await CreateAsync(author, $$"""{"title":"Page {{run}}"}""", "pages");
        AssertError(refused, error, HttpStatusCode.Forbidden, "rest_cannot_create");

        var (parentResponse, parent) = await CreateAsync(editor, $$"""{"title":"Parent {{run}}","status":"publish"}""", "pages");
        Assert.Equal(HttpStatusCode.Created, parentResponse.StatusCode);
        var (childResponse, child) = await CreateAsync(editor, $$"""{"title":"Child {{run}}","status":"publish","parent":{{parent.GetProperty("id").GetInt64()}}}""", "pages");
        Assert.Equal(HttpStatusCode.Created, childResponse.StatusCode);
        Assert.Equal("page", child.GetProperty("type").GetString());
        Assert.Equal(parent.GetProperty("id").GetInt64(), child.GetProperty("parent").GetInt64());
        Assert.StartsWith("http://localhost/wp-json/wp/v2/pages/", childResponse.Headers.Location!.ToString(), StringComparison.Ordinal);
        AssertKeys(WordPressFixtures.Rest("pages-15").RootElement, child, "page");

        var (page, html, _) = await GetAsync(new Uri(child.GetProperty("link").GetString()!).AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, page);
        Assert.Contains($"Child {run}", html, StringComparison.Ordinal);
    }
}

public sealed class WordPressWriteTestsOnSqlite(SqliteProvider provider) : WordPressWriteTests<SqliteProvider>(provider);

public sealed class WordPressWriteTestsOnPostgres(PostgresProvider provider) : WordPressWriteTests<PostgresProvider>(provider);
