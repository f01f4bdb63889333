using System.Net;
using System.Security.Cryptography;
using System.Text;
using Gazette.Comments;
using Gazette.Comments.Contracts;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Comments;

public abstract class CommentPostingTests<TProvider>(TProvider provider) : CommentTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    [Fact]
    public async Task AFirstCommentRedirectsToItsPendingViewThatOnlyItsAuthorSees()
    {
        using var response = await PostCommentAsync(Fields("My first comment on this."));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        var id = CommentIdOf(response);
        Assert.StartsWith($"{Article}?unapproved={id}&moderation-hash=", location, StringComparison.Ordinal);
        Assert.EndsWith($"#comment-{id}", location, StringComparison.Ordinal);

        var own = await GetAsync(location.Split('#')[0]);
        Assert.Contains("My first comment on this.", own.Html, StringComparison.Ordinal);
        Assert.Contains("Your comment is awaiting moderation.", own.Html, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"robots\" content=\"noindex\">", own.Html, StringComparison.Ordinal);
        Assert.Contains("no-store", own.Response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);

        var everyone = await GetAsync(Article);
        var forged = await GetAsync($"{Article}?unapproved={id}&moderation-hash=00000000000000000000000000000000");
        Assert.DoesNotContain("My first comment on this.", everyone.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("My first comment on this.", forged.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInvalidCommentIs422WithEverythingKeptAndNothingStored()
    {
        var before = (await Comments.ListQueueAsync(null, 1000)).Count;
        var fields = Fields("Keep <this> text & me", email: "not-an-email");
        fields["author"] = "";
        fields["url"] = "ftp://files.example";

        using var response = await PostCommentAsync(fields);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(">Keep &lt;this&gt; text &amp; me</textarea>", html, StringComparison.Ordinal);
        Assert.Contains("value=\"not-an-email\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"ftp://files.example\"", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"field-error\" id=\"author-error\">Please give your name.</span>", html, StringComparison.Ordinal);
        Assert.Contains("id=\"email-error\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"url-error\"", html, StringComparison.Ordinal);
        Assert.Equal(before, (await Comments.ListQueueAsync(null, 1000)).Count);
    }

    [Fact]
    public async Task TheSameCommentTwiceIsA409()
    {
        var fields = Fields("Exactly this, once.");
        using var first = await PostCommentAsync(fields);
        using var second = await PostCommentAsync(fields);

        Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("already said that", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoIdenticalCommentsAtTheSameMomentGiveOne303AndOne409()
    {
        for (var round = 0; round < 5; round++)
        {
            var fields = Fields($"Simultaneous {round}");
            var responses = await Task.WhenAll(PostCommentAsync(fields), PostCommentAsync(fields));

            Assert.Equal([HttpStatusCode.SeeOther, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    [Fact]
    public async Task AnotherCommentFromTheSameEmailWithin15SecondsIs429()
    {
        var email = $"quick-{Guid.NewGuid():N}@example.org";
        using var first = await PostCommentAsync(Fields("One", email));
        using var second = await PostCommentAsync(Fields("Two", email));
        Factory.Clock.Advance(TimeSpan.FromSeconds(15));
        using var third = await PostCommentAsync(Fields("Three", email));

        Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(15), second.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.SeeOther, third.StatusCode);
    }

    [Theory]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    [InlineData("Origin", "https://evil.example")]
    public async Task ACrossSitePostIsRefused(string header, string value)
    {
        var before = (await Comments.ListQueueAsync(null, 1000)).Count;
        using var response = await PostCommentAsync(Fields("Forged"), request =>
        {
            request.Headers.Remove("Sec-Fetch-Site");
            request.Headers.Add(header, value);
        });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, (await Comments.ListQueueAsync(null, 1000)).Count);
    }

    [Fact]
    public async Task AnApprovedAuthorsNextCommentShowsAtOnceWithTheCount()
    {
        var email = $"regular-{Guid.NewGuid():N}@example.org";
        await ApprovedCommentAsync("Earlier, approved.", email);
        await GetAsync(Article);
        Factory.Clock.Advance(TimeSpan.FromMinutes(1));

        using var response = await PostCommentAsync(Fields("Straight onto the page.", email));
        var id = CommentIdOf(response);
        var page = await GetAsync(Article);

        Assert.Equal($"{Article}?comment={id}#comment-{id}", response.Headers.Location?.OriginalString);
        Assert.Null(page.Response.Headers.Age);
        Assert.Contains($"<li id=\"comment-{id}\" class=\"comment\">", page.Html, StringComparison.Ordinal);
        Assert.Contains("Straight onto the page.", page.Html, StringComparison.Ordinal);
        Assert.Matches("[0-9]+ responses to “China Outlines", page.Html);
    }

    [Fact]
    public async Task RepliesNestAndReplyToComIsAPersonalUncachedView()
    {
        var parent = await ApprovedCommentAsync("Parent comment.");
        var replyView = await GetAsync($"{Article}?replytocom={parent}");
        Assert.Contains("Reply to Jane Reader", replyView.Html, StringComparison.Ordinal);
        Assert.Contains($"name=\"comment_parent\" id=\"comment_parent\" value=\"{parent}\"", replyView.Html, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"robots\" content=\"noindex\">", replyView.Html, StringComparison.Ordinal);
        Assert.Null((await GetAsync($"{Article}?replytocom={parent}")).Response.Headers.Age);

        var reply = await ApprovedCommentAsync("A reply.", parent: parent);
        var page = await GetAsync(Article);

        Assert.Matches($"<li id=\"comment-{parent}\" class=\"comment\">(?s:.)*?<ol class=\"children\">\\s*<li id=\"comment-{reply}\"", page.Html);
    }

    [Fact]
    public async Task AnInvalidReplyIsShownAgainAsAReply()
    {
        var parent = await ApprovedCommentAsync("Reply to me, carefully.");
        var fields = Fields("", parent: parent);

        using var response = await PostCommentAsync(fields);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Reply to Jane Reader", html, StringComparison.Ordinal);
        Assert.Contains($"id=\"comment_parent\" value=\"{parent}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCommentersEmailIsNeverOutputNorAnyHashOfIt()
    {
        var email = $"secret.person.{Guid.NewGuid():N}@example.org";
        var id = await ApprovedCommentAsync("Look for my email.", email);
        var html = (await GetAsync(Article)).Html + (await GetAsync("/")).Html + (await GetAsync($"{Article}?replytocom={id}")).Html;

        Assert.Contains("Look for my email.", html, StringComparison.Ordinal);
        Assert.DoesNotContain(email, html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(email.Split('@')[0], html, StringComparison.OrdinalIgnoreCase);
#pragma warning disable CA5351 // MD5 is what Gravatar URLs leak; the test looks for exactly that.
        Assert.DoesNotContain(Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(email))), html, StringComparison.Ordinal);
#pragma warning restore CA5351
        Assert.DoesNotContain(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(email))), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFilledHoneypotIsSpamButLooksPendingToTheSender()
    {
        var fields = Fields("Buy things.");
        fields["gz_website_confirm"] = "http://spam.example";

        using var response = await PostCommentAsync(fields);
        var id = CommentIdOf(response);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Contains("unapproved=", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(CommentStatus.Spam, (await Comments.FindAsync(id))!.Status);
    }

    [Fact]
    public async Task ACommentForANonexistentArticleIs404()
    {
        using var response = await PostCommentAsync(Fields("Where?", article: 987654));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

public sealed class CommentPostingTestsOnSqlite(SqliteProvider provider) : CommentPostingTests<SqliteProvider>(provider);

public sealed class CommentPostingTestsOnPostgres(PostgresProvider provider) : CommentPostingTests<PostgresProvider>(provider);
