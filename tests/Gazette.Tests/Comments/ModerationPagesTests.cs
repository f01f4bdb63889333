using System.Net;
using System.Text.Json;
using Gazette.Comments;
using Gazette.Comments.Contracts;
using Gazette.Tests.Infrastructure;
using Gazette.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Comments;

/// <summary>
/// The moderation screens and the privacy page through the real host: who may
/// open them, what each button changes and says, what moderators see that
/// readers never do, and refused input kept as typed.
/// </summary>
public sealed class ModerationPagesTests(SqliteProvider provider) : CommentTestBase<SqliteProvider>(provider)
{
    private const int TextLimit = 300;

    private ModerationStore Store => Factory.Services.GetRequiredService<ModerationStore>();

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Gazette:Discussion:FloodSeconds"] = "0";
        settings["Gazette:Discussion:MinFillSeconds"] = "0";
        settings["Gazette:Discussion:MaxCommentLength"] = TextLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    [Theory]
    [InlineData(NewsroomRole.Author)]
    [InlineData(NewsroomRole.Contributor)]
    public async Task AuthorsAndContributorsAreRefused(string role)
    {
        var id = await PendingAsync($"Not for the eyes of an {role}.");
        using var member = await Newsroom.MemberAsync(Factory, "refused-" + role, role);

        foreach (var path in new[] { "/admin/comments", $"/admin/comments/{id}", "/admin/comments?tab=spam", "/admin/privacy" })
        {
            using var response = await member.GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
        using var dashboard = await member.GetAsync("/admin/");
        Assert.DoesNotContain("Comments awaiting moderation", await dashboard.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(CommentStatus.Pending, (await Store.FindAsync(id))!.Status);
    }

    [Fact]
    public async Task EditorsModerateButOnlyAdministratorsHandlePrivacyRequests()
    {
        using var editor = await Newsroom.MemberAsync(Factory, "privacy-editor", NewsroomRole.Editor);

        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync("/admin/comments")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync("/admin/privacy")).StatusCode);
        var menu = await editor.GetStringAsync("/admin/");
        Assert.Contains("href=\"/admin/comments\"", menu, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/admin/privacy\"", menu, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APendingCommentShowsWhyWithEmailAndAddressAndOnceApprovedIsOnTheArticle()
    {
        var id = await PendingAsync("Held until an editor reads it", "held@example.org", "198.51.100.23");
        using var editor = await Newsroom.MemberAsync(Factory, "queue-editor", NewsroomRole.Editor);

        var queue = await editor.GetStringAsync("/admin/comments");
        Assert.Contains("<a href=\"/admin/comments\" aria-current=\"page\">Pending (", queue, StringComparison.Ordinal);
        Assert.Contains("Held until an editor reads it", queue, StringComparison.Ordinal);
        Assert.Contains("held@example.org", queue, StringComparison.Ordinal);
        Assert.Contains("IP 198.51.100.23", queue, StringComparison.Ordinal);
        Assert.Contains("Why it is here:</strong> " + ModerationRule.Describe(ModerationRule.FirstComment, null), queue, StringComparison.Ordinal);
        Assert.Contains("<span class=\"visually-hidden\">Select comment by Jane Reader</span>", queue, StringComparison.Ordinal);
        var dashboard = await editor.GetStringAsync("/admin/");
        Assert.Contains("Comments awaiting moderation: ", dashboard, StringComparison.Ordinal);
        Assert.Contains($"href=\"/admin/comments/{id}\"", dashboard, StringComparison.Ordinal);
        Assert.DoesNotContain("Held until an editor reads it", (await GetAsync(Article)).Html, StringComparison.Ordinal);

        using var approved = await PostAsync(editor, id, "/admin/comments", ("handler", "approve"), ("ids", Id(id)));

        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Equal("/admin/comments", approved.Headers.Location!.OriginalString);
        Assert.Contains("1 comment approved.", await editor.GetStringAsync("/admin/comments"), StringComparison.Ordinal);
        var article = (await GetAsync(Article)).Html;
        Assert.Contains("Held until an editor reads it", article, StringComparison.Ordinal);
        Assert.DoesNotContain("held@example.org", article, StringComparison.Ordinal);
        Assert.DoesNotContain("198.51.100.23", article, StringComparison.Ordinal);
        var page = await editor.GetStringAsync($"/admin/comments/{id}");
        Assert.Contains("held@example.org", page, StringComparison.Ordinal);
        Assert.Contains("<td>Queue-editor</td>", page, StringComparison.Ordinal);
        Assert.Contains("Approved (from pending)", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BulkActionsChangeTheTickedCommentsAndSayHowMany()
    {
        var ids = new[] { await PendingAsync("Bulk first"), await PendingAsync("Bulk second"), await PendingAsync("Bulk third") };
        using var editor = await Newsroom.MemberAsync(Factory, "bulk-editor", NewsroomRole.Editor);

        Assert.Equal("3 comments approved.", await FlashAfterAsync(editor, ids[0], "/admin/comments", "approve", ids));
        Assert.Equal("2 comments marked as spam.", await FlashAfterAsync(editor, ids[0], "/admin/comments?tab=approved", "spam", ids[..2]));
        Assert.Equal("3 comments moved to the trash.", await FlashAfterAsync(editor, ids[0], "/admin/comments?tab=spam&p=1", "trash", ids));
        foreach (var id in ids)
        {
            Assert.Equal(CommentStatus.Trash, (await Store.FindAsync(id))!.Status);
        }
        var trash = await editor.GetStringAsync("/admin/comments?tab=trash");
        Assert.Contains("aria-current=\"page\">Trash (", trash, StringComparison.Ordinal);
        Assert.Contains("Bulk second", trash, StringComparison.Ordinal);

        Assert.Equal("3 comments deleted permanently.", await FlashAfterAsync(editor, ids[0], "/admin/comments?tab=trash", "delete", ids));
        foreach (var id in ids)
        {
            Assert.Null(await Store.FindAsync(id));
        }
    }

    [Fact]
    public async Task NothingTickedOrDeletingFromPendingIsRefusedAndChangesNothing()
    {
        var id = await PendingAsync("Still pending after all this");
        using var editor = await Newsroom.MemberAsync(Factory, "careful-editor", NewsroomRole.Editor);

        using var none = await PostAsync(editor, id, "/admin/comments", ("handler", "approve"));
        using var deleted = await PostAsync(editor, id, "/admin/comments", ("handler", "delete"), ("ids", Id(id)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, none.StatusCode);
        Assert.Contains("Choose at least one comment.", await none.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, deleted.StatusCode);
        Assert.Contains("only comments in Spam or Trash can be deleted", await deleted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(CommentStatus.Pending, (await Store.FindAsync(id))!.Status);
    }

    [Fact]
    public async Task ARefusedEditKeepsTheTextTypedAndAGoodOneIsSavedAndInTheHistory()
    {
        var id = await PendingAsync("Teh original text");
        using var editor = await Newsroom.MemberAsync(Factory, "edit-editor", NewsroomRole.Editor);
        var tooLong = "Kept as typed " + new string('x', TextLimit);

        using var refused = await PostAsync(editor, id, $"/admin/comments/{id}?handler=edit", ("text", tooLong));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains($">{tooLong}</textarea>", html, StringComparison.Ordinal);
        Assert.Contains("id=\"text-error\">The text is", html, StringComparison.Ordinal);
        Assert.Equal("Teh original text", (await Store.FindAsync(id))!.BodySource);

        using var saved = await PostAsync(editor, id, $"/admin/comments/{id}?handler=edit", ("text", "The original text"));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("The original text", (await Store.FindAsync(id))!.BodySource);
        var page = await editor.GetStringAsync($"/admin/comments/{id}");
        Assert.Contains("Comment saved.", page, StringComparison.Ordinal);
        Assert.Contains("<td>Edited</td>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStaffReplyApprovesThePendingCommentAndShowsOnTheArticleWithTheBadge()
    {
        var id = await PendingAsync("Will anyone from the paper answer?");
        using var editor = await Newsroom.MemberAsync(Factory, "reply-editor", NewsroomRole.Editor);

        using var empty = await PostAsync(editor, id, $"/admin/comments/{id}?handler=reply", ("reply", "  "));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        Assert.Contains("id=\"reply-error\">Please type the comment", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var replied = await PostAsync(editor, id, $"/admin/comments/{id}?handler=reply", ("reply", "Yes: the desk reads every comment."));

        Assert.Equal(HttpStatusCode.Redirect, replied.StatusCode);
        Assert.Equal(CommentStatus.Approved, (await Store.FindAsync(id))!.Status);
        var article = (await GetAsync(Article)).Html;
        var reply = article.IndexOf("Yes: the desk reads every comment.", StringComparison.Ordinal);
        Assert.True(reply > 0, "the reply is on the article");
        var item = article.LastIndexOf("<li id=\"comment-", reply, StringComparison.Ordinal);
        Assert.Contains("<span class=\"comment__staff\">Staff</span>", article[item..reply], StringComparison.Ordinal);
        Assert.Contains("Will anyone from the paper answer?", article, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABlockedEmailSendsTheNextCommentToSpam()
    {
        var id = await PendingAsync("Buy cheap watches", "blocked-seller@example.org");
        using var editor = await Newsroom.MemberAsync(Factory, "block-editor", NewsroomRole.Editor);

        Assert.Equal("The author's email is now on the disallowed list: their next comments go to Spam.",
            await FlashAfterAsync(editor, id, "/admin/comments", "blockemail", [id]));

        var next = await PendingOrAnyAsync("Buy more cheap watches", "blocked-seller@example.org");
        var stored = (await Store.FindAsync(next))!;
        Assert.Equal(CommentStatus.Spam, stored.Status);
        Assert.Contains("Why it is here:</strong> matches the disallowed list", await editor.GetStringAsync("/admin/comments?tab=spam"), StringComparison.Ordinal);

        var list = await editor.GetStringAsync("/admin/comments/blocked");
        Assert.Contains("<td>blocked-seller@example.org</td>", list, StringComparison.Ordinal);
        using var unblocked = await Newsroom.PostFormAsync(editor, "/admin/comments/blocked", new() { ["entry"] = "blocked-seller@example.org" });
        Assert.Equal(HttpStatusCode.Redirect, unblocked.StatusCode);
        list = await editor.GetStringAsync("/admin/comments/blocked");
        Assert.Contains("Unblocked blocked-seller@example.org", list, StringComparison.Ordinal);
        Assert.DoesNotContain("<td>blocked-seller@example.org</td>", list, StringComparison.Ordinal);
        using var again = await Newsroom.PostFormAsync(editor, "/admin/comments/blocked", new() { ["entry"] = "blocked-seller@example.org" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Contains("That entry is not on the list", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var after = await PendingOrAnyAsync("Sorry, honest question now", "blocked-seller@example.org");
        Assert.NotEqual(CommentStatus.Spam, (await Store.FindAsync(after))!.Status);
        using var author = await Newsroom.MemberAsync(Factory, "block-author", NewsroomRole.Author);
        Assert.Equal(HttpStatusCode.Forbidden, (await author.GetAsync("/admin/comments/blocked")).StatusCode);
    }

    [Fact]
    public async Task PrivacyExportDownloadsJsonAndAnonymizeRemovesTheEmail()
    {
        var id = await PendingAsync("My words, my data", "person@example.org", "203.0.113.9");
        using var admin = await Newsroom.MemberAsync(Factory, "privacy-admin", NewsroomRole.Administrator);

        using var refused = await Newsroom.PostFormAsync(admin, "/admin/privacy", new() { ["handler"] = "export", ["email"] = "not an address" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var form = await refused.Content.ReadAsStringAsync();
        Assert.Contains("id=\"email-error\">This is not an email address", form, StringComparison.Ordinal);
        Assert.Contains("value=\"not an address\"", form, StringComparison.Ordinal);

        using var export = await Newsroom.PostFormAsync(admin, "/admin/privacy", new() { ["handler"] = "export", ["email"] = "Person@Example.org" });

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/json", export.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", export.Content.Headers.ContentDisposition?.DispositionType);
        Assert.True(export.Headers.CacheControl?.NoStore);
        using var json = JsonDocument.Parse(await export.Content.ReadAsStringAsync());
        var comment = json.RootElement.GetProperty("comments").EnumerateArray().Single();
        Assert.Equal(id, comment.GetProperty("id").GetInt64());
        Assert.Equal("My words, my data", comment.GetProperty("text").GetString());
        Assert.Equal("203.0.113.9", comment.GetProperty("ip").GetString());

        using var anonymized = await Newsroom.PostFormAsync(admin, "/admin/privacy", new() { ["handler"] = "anonymize", ["email"] = "person@example.org" });

        Assert.Equal(HttpStatusCode.Redirect, anonymized.StatusCode);
        Assert.Contains("1 comment anonymized", await admin.GetStringAsync("/admin/privacy"), StringComparison.Ordinal);
        var stored = (await Store.FindAsync(id))!;
        Assert.Equal(("", PersonalDataTools.AnonymousName, "My words, my data"), (stored.AuthorEmail, stored.AuthorName, stored.BodySource));
    }

    private static string Id(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Posts a form of repeated fields (<c>ids</c>) with a token from comment <paramref name="tokenFrom"/>'s page.</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, long tokenFrom, string action, params (string Name, string Value)[] fields)
    {
        var token = await Newsroom.FormTokenAsync(client, $"/admin/comments/{tokenFrom}");
        using var request = new HttpRequestMessage(HttpMethod.Post, action)
        {
            Content = new FormUrlEncodedContent(fields.Select(field => KeyValuePair.Create(field.Name, field.Value)).Append(new("__RequestVerificationToken", token))),
        };
        return await client.SendAsync(request);
    }

    /// <summary>Presses a button on <paramref name="page"/>, expects to come back to it, and returns the message shown there.</summary>
    private static async Task<string> FlashAfterAsync(HttpClient client, long tokenFrom, string page, string handler, long[] ids)
    {
        using var response = await PostAsync(client, tokenFrom, page, [("handler", handler), .. ids.Select(id => ("ids", Id(id)))]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var html = await client.GetStringAsync(response.Headers.Location);
        var start = html.IndexOf("<p class=\"flash\" role=\"status\">", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no message after {handler} on {page}");
        start += "<p class=\"flash\" role=\"status\">".Length;
        return System.Net.WebUtility.HtmlDecode(html[start..html.IndexOf("</p>", start, StringComparison.Ordinal)]);
    }

    private async Task<long> PendingAsync(string text, string? email = null, string? ip = null)
    {
        var id = await PendingOrAnyAsync(text, email, ip);
        Assert.Equal(CommentStatus.Pending, (await Store.FindAsync(id))!.Status);
        return id;
    }

    private async Task<long> PendingOrAnyAsync(string text, string? email = null, string? ip = null)
    {
        using var response = await PostCommentAsync(Fields(text, email), request =>
        {
            if (ip is not null)
            {
                request.Headers.Add(GazetteFactory.ClientAddressHeader, ip);
            }
        });
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        return CommentIdOf(response);
    }
}
