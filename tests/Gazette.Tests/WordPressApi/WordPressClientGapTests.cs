using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Gazette.Accounts;
using Gazette.Tests.Articles;
using Gazette.Tests.Import;
using Gazette.Tests.Infrastructure;
using Gazette.Tests.Media;
using Gazette.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.WordPressApi;

/// <summary>
/// What WordPress clients do beyond writing posts: list and read drafts, make
/// tags and categories, upload images, read a member in the edit context. Each
/// route as each role and each refusal, on both databases, signed in with real
/// application passwords, against the shapes of a real WordPress (tests/fixtures/wordpress/rest).
/// </summary>
public abstract class WordPressClientGapTests<TProvider>(TProvider provider) : ApplicationPasswordTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    private Task<(HttpResponseMessage Response, JsonElement Body)> GetJsonAsync(string path, NewsroomUser? caller) => SendAsync(HttpMethod.Get, path, caller);

    private Task<(HttpResponseMessage Response, JsonElement Body)> PostJsonAsync(string path, NewsroomUser? caller, string json) =>
        SendAsync(HttpMethod.Post, path, caller, new StringContent(json, Encoding.UTF8, "application/json"));

    private static void AssertKeys(JsonElement wordpress, JsonElement gazette, string what)
    {
        var missing = wordpress.EnumerateObject().Select(property => property.Name).Where(key => !gazette.TryGetProperty(key, out _)).ToList();
        Assert.True(missing.Count == 0, $"{what} lacks {string.Join(", ", missing)}");
    }

    private static string Run() => "g" + Guid.NewGuid().ToString("N")[..8];

    private static long[] Ids(JsonElement list) => [.. list.EnumerateArray().Select(item => item.GetProperty("id").GetInt64())];

    private async Task<long> DraftAsync(NewsroomUser author, string title, string collection = "posts", string status = "draft")
    {
        var (response, post) = await PostJsonAsync("/wp-json/wp/v2/" + collection, author, $$"""{"title":"{{title}}","content":"Raw *text* of {{title}}.","status":"{{status}}"}""");
        Assert.True(response.StatusCode == HttpStatusCode.Created, post.ToString());
        return post.GetProperty("id").GetInt64();
    }

    [Fact]
    public async Task MembersListTheDraftsTheyMayOpenAndTheEditContextShowsTheRawText()
    {
        var run = Run();
        var author = await MemberAsync(NewsroomRole.Author);
        var other = await MemberAsync(NewsroomRole.Author);
        var editor = await MemberAsync(NewsroomRole.Editor);
        var mine = await DraftAsync(author, $"Mine {run}");
        var theirs = await DraftAsync(other, $"Theirs {run}");
        var pending = await DraftAsync(other, $"Pending {run}", status: "pending");

        var (response, list) = await GetJsonAsync($"/wp-json/wp/v2/posts?status=draft&context=edit&search={run}", author);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.Equal([mine], Ids(list));
        Assert.Equal("1", response.Headers.GetValues("X-WP-Total").Single());
        var draft = list[0];
        var wordpress = WordPressFixtures.Rest("posts-drafts").RootElement[1];
        AssertKeys(wordpress, draft, "draft");
        AssertKeys(wordpress.GetProperty("title"), draft.GetProperty("title"), "title");
        AssertKeys(wordpress.GetProperty("content"), draft.GetProperty("content"), "content");
        Assert.Equal("draft", draft.GetProperty("status").GetString());
        Assert.Equal($"Mine {run}", draft.GetProperty("title").GetProperty("raw").GetString());
        Assert.Equal($"Raw *text* of Mine {run}.", draft.GetProperty("content").GetProperty("raw").GetString());

        (_, list) = await GetJsonAsync($"/wp-json/wp/v2/posts?status=draft,pending&search={run}", editor);
        Assert.Equal(new[] { mine, theirs, pending }.Order(), Ids(list).Order());
        (_, list) = await GetJsonAsync($"/wp-json/wp/v2/posts?status[]=pending&search={run}", editor);
        Assert.Equal([pending], Ids(list));
        (_, list) = await GetJsonAsync($"/wp-json/wp/v2/posts?status=any&search={run}&author={other.Id}", editor);
        Assert.Equal(new[] { theirs, pending }.Order(), Ids(list).Order());
        (_, list) = await GetJsonAsync($"/wp-json/wp/v2/posts?status=any&search={run}", other);
        Assert.Equal(new[] { theirs, pending }.Order(), Ids(list).Order());

        var (bad, refusal) = await GetJsonAsync("/wp-json/wp/v2/posts?status=unheard", author);
        AssertError(bad, refusal, HttpStatusCode.BadRequest, "rest_invalid_param");
        Assert.Equal("rest_not_in_enum", refusal.GetProperty("data").GetProperty("details").GetProperty("status").GetProperty("code").GetString());
    }

    [Fact]
    public async Task ContributorsListTheirOwnSubmissionsAndOnlyEditorsListDraftPages()
    {
        var run = Run();
        var contributor = await MemberAsync(NewsroomRole.Contributor);
        var author = await MemberAsync(NewsroomRole.Author);
        var editor = await MemberAsync(NewsroomRole.Editor);
        var submitted = await DraftAsync(contributor, $"Submitted {run}", status: "pending");
        await DraftAsync(author, $"Other {run}");
        var page = await DraftAsync(editor, $"Page {run}", "pages");

        var (_, list) = await GetJsonAsync($"/wp-json/wp/v2/posts?status=any&search={run}&context=edit", contributor);
        Assert.Equal([submitted], Ids(list));

        var (refused, error) = await GetJsonAsync($"/wp-json/wp/v2/pages?status=draft&search={run}", author);
        AssertError(refused, error, HttpStatusCode.BadRequest, "rest_invalid_param");
        Assert.Equal("rest_forbidden_status", error.GetProperty("data").GetProperty("details").GetProperty("status").GetProperty("code").GetString());
        (refused, error) = await GetJsonAsync("/wp-json/wp/v2/pages?context=edit", author);
        AssertError(refused, error, HttpStatusCode.Forbidden, "rest_forbidden_context");

        var (ok, pages) = await GetJsonAsync($"/wp-json/wp/v2/pages?status=draft&search={run}", editor);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal([page], Ids(pages));
        Assert.Equal("page", pages[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task NobodyElseReadsADraftAndNoCacheKeepsOne()
    {
        var run = Run();
        var author = await MemberAsync(NewsroomRole.Author);
        var other = await MemberAsync(NewsroomRole.Author);
        var editor = await MemberAsync(NewsroomRole.Editor);
        var id = await DraftAsync(author, $"Secret {run}");

        var (own, draft) = await GetJsonAsync($"/wp-json/wp/v2/posts/{id}", author);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.True(own.Headers.CacheControl!.NoStore);
        Assert.Equal($"Secret {run}", draft.GetProperty("title").GetProperty("raw").GetString());
        var (edited, _) = await GetJsonAsync($"/wp-json/wp/v2/posts/{id}?context=edit", editor);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);

        var (forbidden, error) = await GetJsonAsync($"/wp-json/wp/v2/posts/{id}", other);
        AssertError(forbidden, error, HttpStatusCode.Forbidden, "rest_forbidden");
        (forbidden, error) = await GetJsonAsync($"/wp-json/wp/v2/posts/{id}?context=edit", other);
        AssertError(forbidden, error, HttpStatusCode.Forbidden, "rest_forbidden_context");

        // The signed-in reads came first: an anonymous one after them must not be served what they saw.
        var (anonymous, missing) = await GetJsonAsync($"/wp-json/wp/v2/posts/{id}", null);
        AssertError(anonymous, missing, HttpStatusCode.NotFound, "rest_post_invalid_id");
        (anonymous, error) = await GetJsonAsync($"/wp-json/wp/v2/posts/{id}?context=edit", null);
        AssertError(anonymous, error, HttpStatusCode.Unauthorized, "rest_forbidden_context");
        await GetJsonAsync($"/wp-json/wp/v2/posts?status=draft&search={run}", author);
        (anonymous, error) = await GetJsonAsync($"/wp-json/wp/v2/posts?status=draft&search={run}", null);
        AssertError(anonymous, error, HttpStatusCode.BadRequest, "rest_invalid_param");
        var details = error.GetProperty("data").GetProperty("details").GetProperty("status");
        Assert.Equal("rest_forbidden_status", details.GetProperty("code").GetString());
        (anonymous, error) = await GetJsonAsync($"/wp-json/wp/v2/posts?context=edit&search={run}", null);
        AssertError(anonymous, error, HttpStatusCode.Unauthorized, "rest_forbidden_context");
        var (listed, list) = await GetJsonAsync($"/wp-json/wp/v2/posts?search={run}", null);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Equal(0, list.GetArrayLength());
    }

    [Fact]
    public async Task AnyMemberMakesATagOnlyEditorsMakeACategoryAndATakenNameIsTermExists()
    {
        var run = Run();
        var contributor = await MemberAsync(NewsroomRole.Contributor);
        var author = await MemberAsync(NewsroomRole.Author);
        var editor = await MemberAsync(NewsroomRole.Editor);

        var (anonymous, error) = await PostJsonAsync("/wp-json/wp/v2/tags", null, $$"""{"name":"Nobody {{run}}"}""");
        AssertError(anonymous, error, HttpStatusCode.Unauthorized, "rest_cannot_create");

        var (created, tag) = await PostJsonAsync("/wp-json/wp/v2/tags", contributor, $$"""{"name":"Tag {{run}}","description":"Words of {{run}}."}""");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var tagId = tag.GetProperty("id").GetInt64();
        Assert.Equal($"http://localhost/wp-json/wp/v2/tags/{tagId}", created.Headers.Location!.ToString());
        AssertKeys(WordPressFixtures.Rest("tags").RootElement[0], tag, "tag");
        Assert.Equal($"Tag {run}", tag.GetProperty("name").GetString());
        Assert.Equal($"tag-{run}", tag.GetProperty("slug").GetString());
        Assert.Equal($"Words of {run}.", tag.GetProperty("description").GetString());
        Assert.Equal("post_tag", tag.GetProperty("taxonomy").GetString());
        await Wait.UntilAsync(async () => Ids((await GetJsonAsync($"/wp-json/wp/v2/tags?search={run}", null)).Body).SequenceEqual([tagId]));

        var (taken, exists) = await PostJsonAsync("/wp-json/wp/v2/tags", author, $$"""{"name":"Tag {{run}}"}""");
        AssertError(taken, exists, HttpStatusCode.BadRequest, "term_exists");
        Assert.Equal(tagId, exists.GetProperty("data").GetProperty("term_id").GetInt64());

        var (slugTaken, duplicate) = await PostJsonAsync("/wp-json/wp/v2/tags", author, $$"""{"name":"Another {{run}}","slug":"tag-{{run}}"}""");
        AssertError(slugTaken, duplicate, HttpStatusCode.BadRequest, "duplicate_term_slug");
        var (sameSlug, numbered) = await PostJsonAsync("/wp-json/wp/v2/tags", author, $$"""{"name":"Tag {{run}}!"}""");
        Assert.Equal(HttpStatusCode.Created, sameSlug.StatusCode);
        Assert.Equal($"tag-{run}-2", numbered.GetProperty("slug").GetString());

        var (refused, forbidden) = await PostJsonAsync("/wp-json/wp/v2/categories", author, $$"""{"name":"Desk {{run}}"}""");
        AssertError(refused, forbidden, HttpStatusCode.Forbidden, "rest_cannot_create");
        var (made, category) = await PostJsonAsync("/wp-json/wp/v2/categories", editor, $$"""{"name":"Desk {{run}}","slug":"desk-{{run}}","parent":0}""");
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        AssertKeys(WordPressFixtures.Rest("categories").RootElement[0], category, "category");
        Assert.Equal("category", category.GetProperty("taxonomy").GetString());
        var categoryId = category.GetProperty("id").GetInt64();
        (taken, exists) = await PostJsonAsync("/wp-json/wp/v2/categories", editor, $$"""{"name":"Desk {{run}}"}""");
        AssertError(taken, exists, HttpStatusCode.BadRequest, "term_exists");
        Assert.Equal(categoryId, exists.GetProperty("data").GetProperty("term_id").GetInt64());

        var (noName, missing) = await PostJsonAsync("/wp-json/wp/v2/tags", author, """{"description":"No name"}""");
        AssertError(noName, missing, HttpStatusCode.BadRequest, "rest_missing_callback_param");
        var (blank, invalid) = await PostJsonAsync("/wp-json/wp/v2/tags", author, """{"name":"   "}""");
        AssertError(blank, invalid, HttpStatusCode.BadRequest, "rest_invalid_param");
        var (parented, child) = await PostJsonAsync("/wp-json/wp/v2/categories", editor, $$"""{"name":"Child {{run}}","parent":{{categoryId}}}""");
        Assert.Equal(HttpStatusCode.Created, parented.StatusCode);
        Assert.Equal(categoryId, child.GetProperty("parent").GetInt64());
        var (orphan, noParent) = await PostJsonAsync("/wp-json/wp/v2/categories", editor, $$"""{"name":"Orphan {{run}}","parent":987654321}""");
        AssertError(orphan, noParent, HttpStatusCode.BadRequest, "rest_term_invalid");
        Assert.Equal("[]", await Client.GetStringAsync($"/wp-json/wp/v2/categories?search=Orphan+{run}"));

        var (filed, post) = await PostJsonAsync("/wp-json/wp/v2/posts", editor, $$"""{"title":"Filed {{run}}","status":"publish","categories":[{{categoryId}}],"tags":[{{tagId}}]}""");
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        Assert.Equal(categoryId, post.GetProperty("categories")[0].GetInt64());
        Assert.Equal(tagId, post.GetProperty("tags")[0].GetInt64());
    }

    private async Task<(HttpResponseMessage Response, JsonElement Body)> UploadRawAsync(NewsroomUser? caller, byte[] bytes, string query, string? disposition = "attachment; filename=photo.jpg", string type = "image/jpeg")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        if (disposition is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Disposition", disposition);
        }
        return await SendAsync(HttpMethod.Post, "/wp-json/wp/v2/media" + query, caller, content);
    }

    [Fact]
    public async Task AnAuthorUploadsAnImageAsARawBodyOrAFormAndSetsItAsAFeaturedImage()
    {
        var run = Run();
        var author = await MemberAsync(NewsroomRole.Author);

        var (response, media) = await UploadRawAsync(author, TestImages.Jpeg(1200, 800), $"?alt_text=A+harbour+{run}");
        Assert.True(response.StatusCode == HttpStatusCode.Created, media.ToString());
        var id = media.GetProperty("id").GetInt64();
        Assert.Equal($"http://localhost/wp-json/wp/v2/media/{id}", response.Headers.Location!.ToString());
        AssertKeys(WordPressFixtures.Rest("media-9").RootElement, media, "media");
        Assert.Equal($"A harbour {run}", media.GetProperty("alt_text").GetString());
        Assert.Equal("image/jpeg", media.GetProperty("mime_type").GetString());
        var (read, again) = await GetJsonAsync($"/wp-json/wp/v2/media/{id}", null);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(media.GetProperty("source_url").GetString(), again.GetProperty("source_url").GetString());

        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(TestImages.Png(640, 480));
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "file", "chart.png");
        form.Add(new StringContent($"A chart {run}"), "alt_text");
        form.Add(new StringContent($"Sales by month {run}"), "caption");
        var (posted, chart) = await SendAsync(HttpMethod.Post, "/wp-json/wp/v2/media", author, form);
        Assert.True(posted.StatusCode == HttpStatusCode.Created, chart.ToString());
        Assert.Equal("image/png", chart.GetProperty("mime_type").GetString());
        Assert.Contains($"Sales by month {run}", chart.GetProperty("caption").GetProperty("rendered").GetString(), StringComparison.Ordinal);

        var (created, post) = await PostJsonAsync("/wp-json/wp/v2/posts", author, $$"""{"title":"Pictured {{run}}","status":"publish","featured_media":{{id}}}""");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(id, post.GetProperty("featured_media").GetInt64());
        var (_, shown) = await GetJsonAsync($"/wp-json/wp/v2/posts/{post.GetProperty("id").GetInt64()}", null);
        Assert.Equal(id, shown.GetProperty("featured_media").GetInt64());
    }

    [Fact]
    public async Task AnUploadIsRefusedWithWordPresssCodes()
    {
        var author = await MemberAsync(NewsroomRole.Author);
        var contributor = await MemberAsync(NewsroomRole.Contributor);
        var jpeg = TestImages.Jpeg(300, 200);

        var (response, error) = await UploadRawAsync(null, jpeg, "?alt_text=x");
        AssertError(response, error, HttpStatusCode.Unauthorized, "rest_cannot_create");
        (response, error) = await UploadRawAsync(contributor, jpeg, "?alt_text=x");
        AssertError(response, error, HttpStatusCode.Forbidden, "rest_cannot_create");
        (response, error) = await UploadRawAsync(author, jpeg, "?alt_text=x", disposition: null);
        AssertError(response, error, HttpStatusCode.BadRequest, "rest_upload_no_content_disposition");
        (response, error) = await UploadRawAsync(author, jpeg, "?alt_text=x", disposition: "attachment");
        AssertError(response, error, HttpStatusCode.BadRequest, "rest_upload_invalid_disposition");
        (response, error) = await UploadRawAsync(author, [], "?alt_text=x");
        AssertError(response, error, HttpStatusCode.BadRequest, "rest_upload_no_data");
        (response, error) = await UploadRawAsync(author, Encoding.UTF8.GetBytes("<?php echo 'not an image';"), "?alt_text=x", "attachment; filename=shell.jpg");
        AssertError(response, error, HttpStatusCode.BadRequest, "rest_upload_sideload_error");
        (response, error) = await UploadRawAsync(author, new byte[Gazette.Media.ImageIntake.MaxBytes + 1], "?alt_text=x");
        AssertError(response, error, HttpStatusCode.BadRequest, "rest_upload_file_too_big");
        (response, error) = await UploadRawAsync(author, jpeg, "");
        AssertError(response, error, HttpStatusCode.BadRequest, "rest_invalid_param");
        Assert.True(error.GetProperty("data").GetProperty("params").TryGetProperty("alt_text", out _));
        // A client that sends a title and no alt text (as WordPress's apps do) has the title taken for it.
        var (titled, media) = await UploadRawAsync(author, TestImages.Jpeg(301, 203), "?title=Harbour+at+dusk");
        Assert.Equal(HttpStatusCode.Created, titled.StatusCode);
        Assert.Equal("Harbour at dusk", media.GetProperty("alt_text").GetString());

        using var form = new MultipartFormDataContent { { new StringContent("No file"), "alt_text" } };
        (response, error) = await SendAsync(HttpMethod.Post, "/wp-json/wp/v2/media", author, form);
        AssertError(response, error, HttpStatusCode.BadRequest, "rest_upload_no_data");
    }

    [Fact]
    public async Task TheEditContextOfAMemberIsForThemAndForEditors()
    {
        var author = await MemberAsync(NewsroomRole.Author);
        var other = await MemberAsync(NewsroomRole.Author);
        var editor = await MemberAsync(NewsroomRole.Editor);
        var login = (await Factory.Services.GetRequiredService<UserStore>().FindByIdAsync(author.Id))!;

        var (own, self) = await GetJsonAsync($"/wp-json/wp/v2/users/{author.Id}?context=edit", author);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.True(own.Headers.CacheControl!.NoStore);
        Assert.Equal(login.Email, self.GetProperty("email").GetString());
        Assert.Equal(login.Login, self.GetProperty("username").GetString());
        Assert.Equal(NewsroomRole.Author, self.GetProperty("roles")[0].GetString());
        Assert.True(self.GetProperty("capabilities").GetProperty("publish_posts").GetBoolean());
        AssertKeys(WordPressFixtures.Rest("users-2").RootElement, self, "user");
        foreach (var key in new[] { "registered_date", "nickname", "locale", "extra_capabilities" })
        {
            Assert.True(self.TryGetProperty(key, out _), key);
        }

        var (managed, seen) = await GetJsonAsync($"/wp-json/wp/v2/users/{author.Id}?context=edit", editor);
        Assert.Equal(HttpStatusCode.OK, managed.StatusCode);
        Assert.Equal(login.Email, seen.GetProperty("email").GetString());

        var (refused, error) = await GetJsonAsync($"/wp-json/wp/v2/users/{author.Id}?context=edit", other);
        AssertError(refused, error, HttpStatusCode.Forbidden, "rest_forbidden_context");
        (refused, error) = await GetJsonAsync($"/wp-json/wp/v2/users/{author.Id}?context=edit", null);
        AssertError(refused, error, HttpStatusCode.Unauthorized, "rest_forbidden_context");
        (refused, error) = await GetJsonAsync("/wp-json/wp/v2/users/987654321?context=edit", editor);
        AssertError(refused, error, HttpStatusCode.NotFound, "rest_user_invalid_id");
        var (hidden, _) = await GetJsonAsync($"/wp-json/wp/v2/users/{author.Id}", null);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
    }
}

public sealed class WordPressClientGapTestsOnSqlite(SqliteProvider provider) : WordPressClientGapTests<SqliteProvider>(provider);

public sealed class WordPressClientGapTestsOnPostgres(PostgresProvider provider) : WordPressClientGapTests<PostgresProvider>(provider);
