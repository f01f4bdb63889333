using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gazette.Accounts;
using Gazette.Comments.Contracts;
using Gazette.Tests.Infrastructure;
using Gazette.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.WordPressApi;

/// <summary>
/// Comments written and moderated through <c>/wp-json/wp/v2/comments</c> with
/// application passwords, on both databases: members comment under their own
/// name through the reader form's checks, editors moderate and see commenters'
/// emails in the edit context, everyone else gets WordPress's refusals, and
/// anonymous callers never see an email.
/// </summary>
public abstract class WordPressCommentWriteTests<TProvider>(TProvider provider) : CommentTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    private const string Route = "/wp-json/wp/v2/comments";

    [Fact]
    public async Task AnEditorRepliesAsWordPressAnswersWithTheEditContext()
    {
        var editor = await MemberAsync("wpeditor", NewsroomRole.Editor);
        var parent = await ApprovedCommentAsync($"Parent {Guid.NewGuid():N}");

        using var created = await SendAsync(HttpMethod.Post, Route, editor, new { post = SampleId, parent, content = "A reply from the editor, through the REST API." });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await JsonAsync(created);
        var fixture = Fixture("write-create-comment.json");
        Assert.Equal(Keys(fixture), Keys(body));
        Assert.Equal(Keys(fixture.GetProperty("content")), Keys(body.GetProperty("content")));
        var id = body.GetProperty("id").GetInt64();
        Assert.Equal($"http://localhost{Route}/{id}", created.Headers.Location?.ToString());
        Assert.Equal(parent, body.GetProperty("parent").GetInt64());
        Assert.Equal(editor.Id, body.GetProperty("author").GetInt64());
        Assert.Equal("Wpeditor", body.GetProperty("author_name").GetString());
        Assert.Equal("wpeditor@example.test", body.GetProperty("author_email").GetString());
        Assert.Equal("approved", body.GetProperty("status").GetString());
        Assert.Equal("A reply from the editor, through the REST API.", body.GetProperty("content").GetProperty("raw").GetString());
        Assert.True(created.Headers.CacheControl?.NoStore);

        using var anonymous = await SendAsync(HttpMethod.Get, $"{Route}/{id}", null);
        var shown = await anonymous.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.DoesNotContain("@example.test", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("author_email", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAuthorsCommentGoesThroughModerationAndComesBackWithoutEmail()
    {
        var author = await MemberAsync("wpauthor", NewsroomRole.Author);

        using var created = await SendAsync(HttpMethod.Post, Route, author, new { post = SampleId, content = $"An author's first words {Guid.NewGuid():N}" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await JsonAsync(created);
        Assert.Equal("hold", body.GetProperty("status").GetString());
        Assert.Equal("Wpauthor", body.GetProperty("author_name").GetString());
        Assert.False(body.TryGetProperty("author_email", out _));
        Assert.DoesNotContain("@example.test", body.GetRawText(), StringComparison.Ordinal);

        using var status = await SendAsync(HttpMethod.Post, Route, author, new { post = SampleId, content = "Approve myself", status = "approved" });
        Assert.Equal(HttpStatusCode.Forbidden, status.StatusCode);
        Assert.Equal("rest_comment_invalid_status", await CodeAsync(status));
    }

    [Fact]
    public async Task AnonymousAndWrongCredentialsAreRefusedAsWordPressRefusesThem()
    {
        await MemberAsync("wprefused", NewsroomRole.Editor);

        using var anonymous = await SendAsync(HttpMethod.Post, Route, null, new { post = SampleId, content = "Hello", author_name = "Anon", author_email = "anon@example.org" });
        using var wrong = await SendAsync(HttpMethod.Post, Route, ("wprefused", Newsroom.Password, 0L), new { post = SampleId, content = "Hello" });

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(JsonSerializer.Serialize(Fixture("error-401-create-comment-anonymous.json")), JsonSerializer.Serialize(await JsonAsync(anonymous)));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("rest_comment_login_required", await CodeAsync(wrong));
    }

    [Fact]
    public async Task BadWritesGetWordPressErrorsAndStoreNothing()
    {
        var editor = await MemberAsync("wpbad", NewsroomRole.Editor);

        using var noPost = await SendAsync(HttpMethod.Post, Route, editor, new { post = 987654, content = "Where?" });
        using var empty = await SendAsync(HttpMethod.Post, Route, editor, new { post = SampleId, content = "  " });
        using var notANumber = await SendAsync(HttpMethod.Post, Route, editor, new { post = "first", content = "Hi" });
        using var brokenJson = await SendRawAsync(HttpMethod.Post, Route, editor, "{\"post\":", "application/json");
        var text = $"Said once {Guid.NewGuid():N}";
        using var first = await SendAsync(HttpMethod.Post, Route, editor, new { post = SampleId, content = text });
        using var again = await SendAsync(HttpMethod.Post, Route, editor, new { post = SampleId, content = text });

        Assert.Equal((HttpStatusCode.Forbidden, "rest_comment_invalid_post_id"), (noPost.StatusCode, await CodeAsync(noPost)));
        Assert.Equal((HttpStatusCode.BadRequest, "rest_comment_content_invalid"), (empty.StatusCode, await CodeAsync(empty)));
        Assert.Equal((HttpStatusCode.BadRequest, "rest_invalid_param"), (notANumber.StatusCode, await CodeAsync(notANumber)));
        Assert.Equal((HttpStatusCode.BadRequest, "rest_invalid_json"), (brokenJson.StatusCode, await CodeAsync(brokenJson)));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal((HttpStatusCode.Conflict, "comment_duplicate"), (again.StatusCode, await CodeAsync(again)));
    }

    [Fact]
    public async Task EditorsModerateStatusTextTrashAndDeleteAndNobodyElse()
    {
        var editor = await MemberAsync("wpmod", NewsroomRole.Editor);
        var author = await MemberAsync("wpnomod", NewsroomRole.Author);
        var id = await ApprovedCommentAsync($"To be moderated {Guid.NewGuid():N}");
        var path = $"{Route}/{id}";

        using var anonymous = await SendAsync(HttpMethod.Post, path, null, new { status = "hold" });
        using var lesser = await SendAsync(HttpMethod.Patch, path, author, new { status = "hold" });
        Assert.Equal((HttpStatusCode.Unauthorized, "rest_cannot_edit"), (anonymous.StatusCode, await CodeAsync(anonymous)));
        Assert.Equal((HttpStatusCode.Forbidden, "rest_cannot_edit"), (lesser.StatusCode, await CodeAsync(lesser)));
        using var lesserDelete = await SendAsync(HttpMethod.Delete, path, author, null);
        Assert.Equal((HttpStatusCode.Forbidden, "rest_cannot_delete"), (lesserDelete.StatusCode, await CodeAsync(lesserDelete)));

        using var held = await SendAsync(HttpMethod.Post, path, editor, new { status = "hold" });
        Assert.Equal("hold", (await JsonAsync(held)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, path, null)).StatusCode);
        using var approved = await SendAsync(HttpMethod.Put, path, editor, new { status = "approve", content = "Edited by the desk." });
        var body = await JsonAsync(approved);
        Assert.Equal("approved", body.GetProperty("status").GetString());
        Assert.Equal("Edited by the desk.", body.GetProperty("content").GetProperty("raw").GetString());
        Assert.Contains("Edited by the desk.", await (await SendAsync(HttpMethod.Get, path, null)).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var unknownStatus = await SendAsync(HttpMethod.Patch, path, editor, new { status = "limbo" });
        Assert.Equal((HttpStatusCode.BadRequest, "rest_invalid_param"), (unknownStatus.StatusCode, await CodeAsync(unknownStatus)));
        using var trashed = await SendAsync(HttpMethod.Delete, path, editor, null);
        Assert.Equal("trash", (await JsonAsync(trashed)).GetProperty("status").GetString());
        using var trashedAgain = await SendAsync(HttpMethod.Delete, path, editor, null);
        Assert.Equal((HttpStatusCode.Gone, "rest_already_trashed"), (trashedAgain.StatusCode, await CodeAsync(trashedAgain)));
        using var deleted = await SendAsync(HttpMethod.Delete, path + "?force=true", editor, null);
        var gone = await JsonAsync(deleted);
        Assert.True(gone.GetProperty("deleted").GetBoolean());
        Assert.Equal(id, gone.GetProperty("previous").GetProperty("id").GetInt64());
        Assert.Null(await Comments.FindAsync(id));
        using var missing = await SendAsync(HttpMethod.Delete, path, editor, null);
        Assert.Equal((HttpStatusCode.NotFound, "rest_comment_invalid_id"), (missing.StatusCode, await CodeAsync(missing)));
    }

    [Fact]
    public async Task TheEditContextShowsEmailsToEditorsOnlyAndIsNeverCached()
    {
        var editor = await MemberAsync("wpeditctx", NewsroomRole.Editor);
        var author = await MemberAsync("wpviewctx", NewsroomRole.Author);
        var email = $"ctx-{Guid.NewGuid():N}@example.org";
        var id = await ApprovedCommentAsync($"Context words {Guid.NewGuid():N}", email);

        using var anonymous = await SendAsync(HttpMethod.Get, $"{Route}/{id}?context=edit", null);
        using var lesser = await SendAsync(HttpMethod.Get, $"{Route}/{id}?context=edit", author);
        using var single = await SendAsync(HttpMethod.Get, $"{Route}/{id}?context=edit", editor);
        using var list = await SendAsync(HttpMethod.Get, $"{Route}?context=edit&include={id}", editor);
        using var anonymousList = await SendAsync(HttpMethod.Get, $"{Route}?include={id}", null);

        Assert.Equal((HttpStatusCode.Unauthorized, "rest_forbidden_context"), (anonymous.StatusCode, await CodeAsync(anonymous)));
        Assert.Equal((HttpStatusCode.Forbidden, "rest_forbidden_context"), (lesser.StatusCode, await CodeAsync(lesser)));
        var shown = await JsonAsync(single);
        Assert.Equal(Keys(Fixture("comments-edit-context.json")[0]), Keys(shown));
        Assert.Equal(email, shown.GetProperty("author_email").GetString());
        Assert.Equal(email, (await JsonAsync(list))[0].GetProperty("author_email").GetString());
        Assert.True(list.Headers.CacheControl?.NoStore);
        Assert.DoesNotContain(email, await anonymousList.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditorsListTheQueueByStatusAndNobodyElse()
    {
        var editor = await MemberAsync("wpqueue", NewsroomRole.Editor);
        var author = await MemberAsync("wpnoqueue", NewsroomRole.Author);
        var email = $"held-{Guid.NewGuid():N}@example.org";
        var text = $"Held words {Guid.NewGuid():N}";
        using var posted = await PostCommentAsync(Fields(text, email));
        var held = CommentIdOf(posted);
        await Moderator.SetStatusAsync(held, CommentStatus.Pending, Gazette.Events.AuditActor.CommandLine);

        using var anonymous = await SendAsync(HttpMethod.Get, $"{Route}?status=hold", null);
        using var lesser = await SendAsync(HttpMethod.Get, $"{Route}?status=hold", author);
        using var view = await SendAsync(HttpMethod.Get, $"{Route}?status=hold&search={text}", editor);
        using var edit = await SendAsync(HttpMethod.Get, $"{Route}?status=all&context=edit&include={held}", editor);

        Assert.Equal((HttpStatusCode.Unauthorized, "rest_forbidden_param"), (anonymous.StatusCode, await CodeAsync(anonymous)));
        Assert.Equal((HttpStatusCode.Forbidden, "rest_forbidden_param"), (lesser.StatusCode, await CodeAsync(lesser)));
        var listed = Assert.Single((await JsonAsync(view)).EnumerateArray());
        Assert.Equal(held, listed.GetProperty("id").GetInt64());
        Assert.Equal("hold", listed.GetProperty("status").GetString());
        Assert.DoesNotContain(email, listed.GetRawText(), StringComparison.Ordinal);
        Assert.Equal("1", view.Headers.GetValues("X-WP-Total").Single());
        Assert.Equal(email, Assert.Single((await JsonAsync(edit)).EnumerateArray()).GetProperty("author_email").GetString());
    }

    [Fact]
    public async Task UsersMeIsTheCallerWithWhatItsRoleMayDoInTheEditContext()
    {
        var author = await MemberAsync("wpme", NewsroomRole.Author);

        using var anonymous = await SendAsync(HttpMethod.Get, "/wp-json/wp/v2/users/me", null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("rest_not_logged_in", await CodeAsync(anonymous));

        using var me = await SendAsync(HttpMethod.Get, "/wp-json/wp/v2/users/me", author);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        var body = await JsonAsync(me);
        Assert.Equal(author.Id, body.GetProperty("id").GetInt64());
        Assert.Equal("Wpme", body.GetProperty("name").GetString());
        Assert.False(body.TryGetProperty("roles", out _));
        Assert.DoesNotContain("@example.test", body.ToString(), StringComparison.Ordinal);
        Assert.True(me.Headers.CacheControl?.NoStore);

        using var edit = await SendAsync(HttpMethod.Get, "/wp-json/wp/v2/users/me?context=edit", author);
        var edited = await JsonAsync(edit);
        var capabilities = edited.GetProperty("capabilities");
        Assert.Equal([NewsroomRole.Author], edited.GetProperty("roles").EnumerateArray().Select(role => role.GetString()));
        Assert.True(capabilities.GetProperty("publish_posts").GetBoolean());
        Assert.False(capabilities.TryGetProperty("moderate_comments", out _));
    }

    private async Task<(string Login, string Password, long Id)> MemberAsync(string login, string role)
    {
        var user = await Newsroom.AddUserAsync(Factory, login, role);
        var password = await Factory.Services.GetRequiredService<ApplicationPasswordStore>().CreateAsync(user.Id, "Tests");
        return (user.Login, password, user.Id);
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, (string Login, string Password, long Id)? member, object? body) =>
        SendRawAsync(method, path, member, body is null ? null : JsonSerializer.Serialize(body), "application/json");

    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, (string Login, string Password, long Id)? member, string? body, string contentType)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, contentType);
        }
        if (member is { } credentials)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials.Login + ":" + credentials.Password)));
        }
        return await Client.SendAsync(request);
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, (string Login, string Password, long Id)? member) => SendAsync(method, path, member, null);

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();

    private static async Task<string?> CodeAsync(HttpResponseMessage response) => (await JsonAsync(response)).GetProperty("code").GetString();

    private static JsonElement Fixture(string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Root, "tests/fixtures/wordpress/rest", name))).RootElement.Clone();

    private static List<string> Keys(JsonElement item) => [.. item.EnumerateObject().Select(property => property.Name).Order(StringComparer.Ordinal)];
}

public sealed class WordPressCommentWriteTestsOnSqlite(SqliteProvider provider) : WordPressCommentWriteTests<SqliteProvider>(provider);

public sealed class WordPressCommentWriteTestsOnPostgres(PostgresProvider provider) : WordPressCommentWriteTests<PostgresProvider>(provider);
