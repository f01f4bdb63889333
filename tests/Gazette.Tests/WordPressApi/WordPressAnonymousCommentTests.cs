using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.WordPressApi;

/// <summary>
/// With <c>Gazette:WordPressApi:AnonymousComments</c> on, an anonymous caller
/// comments as a reader does through the form: name and email required, held
/// for moderation, duplicates refused, and the answer never shows the email.
/// </summary>
public sealed class WordPressAnonymousCommentTests(SqliteProvider provider) : CommentTestBase<SqliteProvider>(provider)
{
    private const string Route = "/wp-json/wp/v2/comments";

    protected override void Configure(Dictionary<string, string?> settings) => settings["Gazette:WordPressApi:AnonymousComments"] = "true";

    [Fact]
    public async Task AnAnonymousCommentIsJudgedAsTheReaderFormsAre()
    {
        var email = $"anon-{Guid.NewGuid():N}@example.org";
        var text = $"From an app without an account {Guid.NewGuid():N}";

        using var nameless = await PostAsync(new { post = SampleId, content = text });
        using var created = await PostAsync(new { post = SampleId, content = text, author_name = "Ana Nonymous", author_email = email, author_url = "https://example.org/ana" });
        using var again = await PostAsync(new { post = SampleId, content = text, author_name = "Ana Nonymous", author_email = email });

        Assert.Equal(HttpStatusCode.BadRequest, nameless.StatusCode);
        Assert.Equal("rest_comment_author_data_required", (await nameless.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("hold", body.GetProperty("status").GetString());
        Assert.Equal("Ana Nonymous", body.GetProperty("author_name").GetString());
        Assert.Equal(0, body.GetProperty("author").GetInt64());
        Assert.DoesNotContain(email, body.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var stored = await Comments.FindAsync(body.GetProperty("id").GetInt64());
        Assert.Equal(Gazette.Comments.Contracts.CommentStatus.Pending, stored?.Status);
    }

    private async Task<HttpResponseMessage> PostAsync(object body) => await Client.PostAsJsonAsync(Route, body);
}
