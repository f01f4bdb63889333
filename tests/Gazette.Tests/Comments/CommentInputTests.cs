using System.Net;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Comments;

/// <summary>
/// Odd input is refused alike on both databases, by the field, and changes
/// nothing: control characters, characters that reverse text in names, replies
/// to what is not a comment number, repeated fields; and WordPress's duplicate
/// rule (the same text on one article from the same name or the same email).
/// </summary>
public abstract class CommentInputTests<TProvider>(TProvider provider) : CommentTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    [Theory]
    [InlineData("\0")]
    [InlineData("\u0001")]
    [InlineData("\u001b")]
    [InlineData("\u007f")]
    [InlineData("\u009b")]
    public async Task AControlCharacterInTheTextIsRefusedAndNothingIsStored(string control)
    {
        var text = $"Before{control}after {Guid.NewGuid():N}";
        var urlEncoded = await PostCommentAsync(Fields(text));
        using var multipart = new MultipartFormDataContent();
        foreach (var (name, value) in Fields(text))
        {
            multipart.Add(new StringContent(value), name);
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, "/comments/") { Content = multipart };
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        using var multipartResponse = await Client.SendAsync(request);

        foreach (var response in new[] { urlEncoded, multipartResponse })
        {
            Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity, response.StatusCode.ToString());
            Assert.Contains("<h1", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.DoesNotContain(await Comments.ListQueueAsync(null, 10_000), comment => comment.BodySource.Contains(text[^32..], StringComparison.Ordinal));
        urlEncoded.Dispose();
    }

    [Fact]
    public async Task AControlCharacterTheFormReaderLetsThroughIsRefusedByTheField()
    {
        using var response = await PostCommentAsync(Fields("Bell\u0007 inside"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("id=\"comment-error\">Your comment contains a control character", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\u202E")]
    [InlineData("\u202A")]
    [InlineData("\u2066")]
    [InlineData("\u2069")]
    public async Task ANameWithABidiControlIsRefused(string control)
    {
        using var response = await PostCommentAsync(Fields("Who am I?", author: $"Jane{control}redaeR"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("id=\"author-error\">Your name cannot contain characters that reverse", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BidiControlsAreTakenOutOfTheText()
    {
        var marker = Guid.NewGuid().ToString("N");
        using var response = await PostCommentAsync(Fields($"Price \u202E001$\u202C today {marker}"));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var stored = await Comments.FindAsync(CommentIdOf(response));
        Assert.Contains($"Price 001$ today {marker}", stored!.BodyHtml, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-5")]
    [InlineData("100000000000000000000")]
    [InlineData("1.5")]
    public async Task AReplyToSomethingThatIsNotACommentNumberIs422(string parent)
    {
        var fields = Fields($"A reply to {parent}");
        fields["comment_parent"] = parent;

        using var response = await PostCommentAsync(fields);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("The comment you are replying to could not be found.", html, StringComparison.Ordinal);
        Assert.Contains("id=\"comment_parent\" value=\"0\"", html, StringComparison.Ordinal);
        Assert.Contains($"A reply to {WebUtility.HtmlEncode(parent)}</textarea>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARepeatedFieldCountsOnceTheFirst()
    {
        var marker = Guid.NewGuid().ToString("N");
        var body = $"comment_post_ID=1&author=First&author=Second&email=one-{marker}%40example.org&comment=Twice+named+{marker}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/comments/")
        {
            Content = new StringContent(body, System.Text.Encoding.ASCII, "application/x-www-form-urlencoded"),
        };
        request.Headers.Add("Sec-Fetch-Site", "same-origin");

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("First", (await Comments.FindAsync(CommentIdOf(response)))!.AuthorName);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task TheSameTextOnTheSameArticleFromTheSameNameOrEmailIsADuplicate(bool sameName, bool sameEmail)
    {
        var text = $"Said once {Guid.NewGuid():N}";
        var email = $"twice-{Guid.NewGuid():N}@example.org";
        using var first = await PostCommentAsync(Fields(text, email, author: "Jane Twice"));
        Factory.Clock.Advance(TimeSpan.FromMinutes(1));

        using var second = await PostCommentAsync(Fields(text, sameEmail ? email : null, author: sameName ? "Jane Twice" : "John Other"));
        Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        using var third = await PostCommentAsync(Fields(text, author: "Someone Else"));

        Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, third.StatusCode);
    }
}

public sealed class CommentInputTestsOnSqlite(SqliteProvider provider) : CommentInputTests<SqliteProvider>(provider);

public sealed class CommentInputTestsOnPostgres(PostgresProvider provider) : CommentInputTests<PostgresProvider>(provider);
