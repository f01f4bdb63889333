using System.Globalization;
using System.Net;
using System.Text.Json;
using Dapper;
using Gazette.Accounts;
using Gazette.Articles.Contracts;
using Gazette.Comments;
using Gazette.Comments.Contracts;
using Gazette.Events;
using Gazette.Settings.Contracts;
using Gazette.Tests.Infrastructure;
using Gazette.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Comments;

/// <summary>
/// The moderation screens' service and the privacy tools, through the real
/// host on both databases: who may use them, what each action changes, the
/// events and audit rows it writes in its own transaction, and the reasons the
/// rules give.
/// </summary>
public abstract class ModerationServiceTests<TProvider>(TProvider provider) : CommentTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    private CommentModerationService Service => Factory.Services.GetRequiredService<CommentModerationService>();

    private PersonalDataTools Privacy => Factory.Services.GetRequiredService<PersonalDataTools>();

    private ModerationStore Store => Factory.Services.GetRequiredService<ModerationStore>();

    private AuditTrail Trail => Factory.Services.GetRequiredService<AuditTrail>();

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Gazette:Discussion:FloodSeconds"] = "0";
        settings["Gazette:Discussion:MinFillSeconds"] = "0";
        settings["Gazette:Discussion:ModerationKeys:0"] = "lottery";
        settings["Gazette:Discussion:ReportThreshold"] = "2";
    }

    [Theory]
    [InlineData(NewsroomRole.Author)]
    [InlineData(NewsroomRole.Contributor)]
    public async Task AuthorsAndContributorsAreRefusedAndNothingChanges(string role)
    {
        var id = await PendingAsync($"Only editors may approve me, not an {role}.");
        var someone = new NewsroomUser(4242, "Not An Editor", role);

        Assert.Null(await Service.ListAsync(someone, CommentStatus.Pending));
        Assert.Null(await Service.TrailAsync(someone, id));
        var results = new[]
        {
            await Service.SetStatusAsync(someone, [id], CommentStatus.Approved),
            await Service.DeleteAsync(someone, [id]),
            await Service.EditAsync(someone, id, "Rewritten"),
            await Service.ReplyAsync(someone, id, "A reply"),
            await Service.ApproveAllFromAuthorAsync(someone, id),
            await Service.BlockAsync(someone, id, BlockBy.Email),
        };
        var privacy = new[]
        {
            await Privacy.ExportAsync(someone, "someone@example.org"),
            await Privacy.AnonymizeAsync(someone, "someone@example.org"),
            await Privacy.EraseCommentsAsync(someone, "someone@example.org"),
        };

        Assert.All(results, result => Assert.Equal(ModerationResult.Refused, result));
        Assert.All(privacy, result => Assert.Contains(ModerationResult.WholeForm, result.Errors.Keys));
        var comment = await Store.FindAsync(id);
        Assert.Equal((CommentStatus.Pending, $"Only editors may approve me, not an {role}."), (comment!.Status, comment.BodySource));
        Assert.Empty(await Trail.ForSubjectAsync(CommentAudit.Comment, Id(id)));
    }

    [Fact]
    public async Task ATabListsItsCommentsNewestFirstWithEveryCountPagingAndWhatOnlyModeratorsSee()
    {
        var editor = await EditorAsync();
        var before = (await Service.ListAsync(editor, CommentStatus.Pending))!.Counts;
        var first = await PendingAsync("The older of two", "older@example.org", ip: "192.0.2.10");
        var second = await PendingAsync("The newer of two", "newer@example.org", ip: "192.0.2.11");

        var listing = await Service.ListAsync(editor, CommentStatus.Pending, page: 1, pageSize: 1);
        var next = await Service.ListAsync(editor, CommentStatus.Pending, page: 2, pageSize: 1);

        Assert.NotNull(listing);
        Assert.Equal(before[CommentStatus.Pending] + 2, listing.Counts[CommentStatus.Pending]);
        Assert.Equal(before[CommentStatus.Approved], listing.Counts[CommentStatus.Approved]);
        Assert.Equal(CommentStatus.All.Order(), listing.Counts.Keys.Order());
        Assert.Equal(listing.Counts[CommentStatus.Pending], listing.PageCount);
        var row = Assert.Single(listing.Rows);
        Assert.Equal(second, row.Comment.Id);
        Assert.Equal(("newer@example.org", "192.0.2.11", "The newer of two"), (row.Comment.AuthorEmail, row.Comment.Ip, row.Comment.BodySource));
        Assert.Equal("the author has no approved comment yet", row.Reason);
        Assert.Equal(Article, row.Article.Url);
        Assert.StartsWith("China Outlines Five Goals", row.Article.Title, StringComparison.Ordinal);
        Assert.Equal(first, Assert.Single(next!.Rows).Comment.Id);
        Assert.Equal(CommentStatus.Pending, (await Service.ListAsync(editor, "no-such-tab"))!.Tab);
    }

    [Fact]
    public async Task BulkApprovalRaisesAnEventPerCommentKeepsTheCountAndAuditsWhoDidIt()
    {
        var editor = await EditorAsync();
        var ids = new[] { await PendingAsync("Bulk one"), await PendingAsync("Bulk two"), await ApprovedCommentAsync("Already approved") };
        var count = await CommentCountAsync();
        await GetAsync(Article);

        var result = await Service.SetStatusAsync(editor, ids, CommentStatus.Approved);

        Assert.True(result.Succeeded);
        Assert.Equal(2, result.Changed);
        Assert.Equal(count + 2, await CommentCountAsync());
        Assert.Equal(1, await EventsAsync("comment.status_changed", ids[0]));
        Assert.Equal(1, await EventsAsync("comment.status_changed", ids[2]));
        var page = await GetAsync(Article);
        Assert.Contains("Bulk one", page.Html, StringComparison.Ordinal);
        Assert.Contains("Bulk two", page.Html, StringComparison.Ordinal);
        var line = Assert.Single(await Service.TrailAsync(editor, ids[0]) ?? []);
        Assert.Equal((editor.Id, editor.Name, "comment.approved", "from pending"), (line.UserId, line.UserName, line.Action, line.Detail));
        Assert.Equal(AuditActor.CommandLine.Name, Assert.Single(await Trail.ForSubjectAsync(CommentAudit.Comment, Id(ids[2]))).UserName);
    }

    [Fact]
    public async Task TheTrailIsNewestFirstAndARolledBackChangeLeavesNoLine()
    {
        var editor = await EditorAsync();
        var id = await PendingAsync("Back and forth");
        await Service.SetStatusAsync(editor, [id], CommentStatus.Spam);
        Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        await Service.SetStatusAsync(editor, [id], CommentStatus.Trash);

        await using (var work = await Factory.Services.GetRequiredService<UnitsOfWork>().BeginAsync())
        {
            await Moderator.SetStatusAsync(work, id, CommentStatus.Approved, new AuditActor(editor.Id, editor.Name));
        }
        var missing = await Service.SetStatusAsync(editor, [id, 987_654_321], CommentStatus.Approved);

        Assert.Equal(["comment.trash", "comment.spam"], (await Trail.ForSubjectAsync(CommentAudit.Comment, Id(id))).Select(line => line.Action));
        Assert.Equal(CommentStatus.Trash, (await Store.FindAsync(id))!.Status);
        Assert.Equal("There is no comment 987654321; nothing was changed.", missing.Errors[ModerationResult.IdsField]);
    }

    [Fact]
    public async Task OnlySpamAndTrashAreDeletedForGood()
    {
        var editor = await EditorAsync();
        var approved = await ApprovedCommentAsync("Keep me, I am approved");
        var trashed = await PendingAsync("Throw me away");
        await Service.SetStatusAsync(editor, [trashed], CommentStatus.Trash);

        var refused = await Service.DeleteAsync(editor, [trashed, approved]);
        var deleted = await Service.DeleteAsync(editor, [trashed]);

        Assert.Contains($"Comment {approved} is approved", refused.Errors[ModerationResult.IdsField], StringComparison.Ordinal);
        Assert.NotNull(await Store.FindAsync(approved));
        Assert.Equal(1, deleted.Changed);
        Assert.Null(await Store.FindAsync(trashed));
        Assert.Equal(1, await EventsAsync("comment.deleted", trashed));
        Assert.Equal(["comment.deleted", "comment.trash"], (await Trail.ForSubjectAsync(CommentAudit.Comment, Id(trashed))).Select(line => line.Action));
    }

    [Fact]
    public async Task AnEditIsRenderedAsAReadersTextIsAndShowsAtOnce()
    {
        var editor = await EditorAsync();
        var id = await ApprovedCommentAsync("A typo in here");
        await GetAsync(Article);
        const string text = "Fixed <b>text</b> with https://example.org/x\n\nand a second paragraph";

        var empty = await Service.EditAsync(editor, id, "  ");
        var edited = await Service.EditAsync(editor, id, text);

        Assert.Equal("Please type the comment's text.", empty.Errors[ModerationResult.TextField]);
        Assert.Equal(1, edited.Changed);
        Assert.Equal(CommentText.FromPlainText(text).Html, (await Store.FindAsync(id))!.BodyHtml);
        Assert.Contains("Fixed &lt;b&gt;text&lt;/b&gt;", (await GetAsync(Article)).Html, StringComparison.Ordinal);
        Assert.Equal(1, await EventsAsync("comment.edited", id));
        Assert.Equal("comment.edited", (await Trail.ForSubjectAsync(CommentAudit.Comment, Id(id)))[0].Action);
    }

    [Fact]
    public async Task AStaffReplyIsApprovedAtOnceApprovesWhatItAnswersAndWearsABadge()
    {
        var editor = await EditorAsync();
        var question = await PendingAsync("Will you correct the date?");

        var reply = await Service.ReplyAsync(editor, question, "We have, thank you.");
        var onSpam = await Service.ReplyAsync(editor, await SpamAsync(), "No");

        Assert.True(reply.Succeeded);
        var stored = await Comments.FindAsync(reply.CreatedId!.Value);
        Assert.Equal((CommentStatus.Approved, true, question, editor.Name), (stored!.Status, stored.Staff, stored.ParentId, stored.AuthorName));
        Assert.Equal(CommentStatus.Approved, (await Comments.FindAsync(question))!.Status);
        var html = (await GetAsync(Article)).Html;
        var start = html.IndexOf($"<li id=\"comment-{reply.CreatedId}\"", StringComparison.Ordinal);
        var header = html[start..html.IndexOf("</header>", start, StringComparison.Ordinal)];
        Assert.Contains("<span class=\"comment__staff\">Staff</span>", header, StringComparison.Ordinal);
        var questionStart = html.IndexOf($"<li id=\"comment-{question}\"", StringComparison.Ordinal);
        Assert.DoesNotContain("comment__staff", html[questionStart..html.IndexOf("</header>", questionStart, StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.Equal("reply to " + Id(question), (await Trail.ForSubjectAsync(CommentAudit.Comment, Id(reply.CreatedId.Value)))[0].Detail);
        Assert.Contains(ModerationResult.IdsField, onSpam.Errors.Keys);
    }

    [Fact]
    public async Task AnEditorsCommentFromTheFormIsApprovedAtOnceAsStaffAndAnAuthorsIsModerated()
    {
        var editor = await EditorAsync();
        var service = Factory.Services.GetRequiredService<CommentService>();
        var form = new CommentForm(SampleId, 0, editor.Name, Email(), "", "Posted while signed in as an editor", "", "");

        var byEditor = await service.SubmitAsync(form, null, null, editor);
        var byAuthor = await service.SubmitAsync(form with { Comment = "Posted while signed in as an author", Email = Email() }, null, null, editor with { Role = NewsroomRole.Author });

        var staff = Assert.IsType<CommentOutcome.Accepted>(byEditor).Comment;
        Assert.Equal((CommentStatus.Approved, true), (staff.Status, staff.Staff));
        Assert.Null((await Store.FindAsync(staff.Id))!.ModerationRule);
        var author = Assert.IsType<CommentOutcome.Accepted>(byAuthor).Comment;
        Assert.Equal((CommentStatus.Pending, false), (author.Status, author.Staff));
    }

    [Fact]
    public async Task ApprovingAllFromAnAuthorApprovesTheirPendingCommentsOnly()
    {
        var editor = await EditorAsync();
        var email = Email();
        var first = await PendingAsync("First of mine", email);
        var second = await PendingAsync("Second of mine", email);
        var other = await PendingAsync("Someone else's");

        var result = await Service.ApproveAllFromAuthorAsync(editor, first);

        Assert.Equal(2, result.Changed);
        Assert.Equal(CommentStatus.Approved, (await Store.FindAsync(second))!.Status);
        Assert.Equal(CommentStatus.Pending, (await Store.FindAsync(other))!.Status);
    }

    [Fact]
    public async Task BlockingACommenterMakesTheirNextCommentSpamAndSaysWhy()
    {
        var editor = await EditorAsync();
        var email = Email();
        var id = await PendingAsync("Buy my stuff", email, ip: "198.51.100.23");

        var byEmail = await Service.BlockAsync(editor, id, BlockBy.Email);
        var again = await Service.BlockAsync(editor, id, BlockBy.Email);
        var byAddress = await Service.BlockAsync(editor, id, BlockBy.Address);
        var next = await PendingAsync("Buy it again", email);
        var fromAddress = await PendingAsync("And from my address", ip: "198.51.100.23");

        Assert.Equal((1, 0, 1), (byEmail.Changed, again.Changed, byAddress.Changed));
        var stored = await Factory.Services.GetRequiredService<ISettings>().GetAsync(BlockedCommenters.SettingKey);
        Assert.Contains(email, stored!.Split('\n'));
        Assert.Contains("198.51.100.23", stored.Split('\n'));
        var spam = await Store.FindAsync(next);
        Assert.Equal(CommentStatus.Spam, spam!.Status);
        Assert.Equal($"matches the disallowed list entry “{email}”", CommentModerationService.ReasonOf(spam));
        Assert.Equal(CommentStatus.Spam, (await Store.FindAsync(fromAddress))!.Status);
        var trail = await Trail.ForSubjectAsync(CommentAudit.Comment, Id(id));
        Assert.Equal([CommentAudit.Blocked, CommentAudit.Blocked], trail.Select(line => line.Action));
        Assert.All(trail, line => Assert.DoesNotContain(email, line.Detail, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ACommentWithoutAnAddressCannotBeBlockedByAddress()
    {
        var result = await Service.BlockAsync(await EditorAsync(), await PendingAsync("No address known"), BlockBy.Address);

        Assert.StartsWith("Comment ", result.Errors[ModerationResult.IdsField], StringComparison.Ordinal);
    }

    [Fact]
    public async Task EachRuleStoresWhyItHeldTheComment()
    {
        var regular = Email();
        await ApprovedCommentAsync("I have been here before", regular);
        var word = await PendingAsync("Win the LOTTERY today", regular);
        var links = await PendingAsync("See https://a.example and https://b.example", regular);
        var firstTime = await PendingAsync("Hello, first time here");
        var honeypot = Fields("I am a robot");
        honeypot[CommentForm.HoneypotField] = "filled";
        using var robot = await PostCommentAsync(honeypot);
        var reported = await ApprovedCommentAsync("Readers will dislike this", regular);
        foreach (var reader in new[] { "192.0.2.61", "192.0.2.62" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/comments/{reported}/report");
            request.Headers.Add("Sec-Fetch-Site", "same-origin");
            request.Headers.Add(GazetteFactory.ClientAddressHeader, reader);
            using var response = await Client.SendAsync(request);
        }

        Assert.Equal("matches the moderation list entry “lottery”", await ReasonAsync(word));
        Assert.Equal("has 2 links", await ReasonAsync(links));
        Assert.Equal("the author has no approved comment yet", await ReasonAsync(firstTime));
        Assert.Equal("the hidden field was filled in", await ReasonAsync(CommentIdOf(robot)));
        Assert.Equal("reported by 2 readers", await ReasonAsync(reported));
        Assert.Null(await ReasonAsync(await PendingAsync("Nothing wrong with me", regular)));
    }

    [Fact]
    public async Task AnExportHoldsEveryCommentOfTheAddressAndTheTrailOnlyItsHash()
    {
        var editor = await EditorAsync();
        var email = Email();
        var first = await PendingAsync("Exported one", email, ip: "203.0.113.40", userAgent: "Export Browser/1.0");
        await PendingAsync("Exported two", email);
        await PendingAsync("Not mine");

        var result = await Privacy.ExportAsync(editor, email.ToUpperInvariant());
        var invalid = await Privacy.ExportAsync(editor, "not an email");

        Assert.Equal(2, result.Comments);
        using var json = JsonDocument.Parse(result.Json!);
        Assert.Equal(email, json.RootElement.GetProperty("email").GetString());
        var comments = json.RootElement.GetProperty("comments").EnumerateArray().ToList();
        Assert.Equal(["Exported one", "Exported two"], comments.Select(comment => comment.GetProperty("text").GetString()));
        var one = comments[0];
        Assert.Equal(first, one.GetProperty("id").GetInt64());
        Assert.Equal(("203.0.113.40", "Export Browser/1.0", Article), (one.GetProperty("ip").GetString(), one.GetProperty("user_agent").GetString(), one.GetProperty("article_url").GetString()));
        Assert.StartsWith("China Outlines", one.GetProperty("article_title").GetString(), StringComparison.Ordinal);
        Assert.Equal("2026-11-29T09:00:00+00:00", one.GetProperty("created_at").GetString());
        Assert.Contains(ModerationResult.EmailField, invalid.Errors.Keys);
        var line = Assert.Single(await Trail.ForSubjectAsync(CommentAudit.Person, Privacy.SubjectOf(email)));
        Assert.Equal((CommentAudit.Exported, "2 comments"), (line.Action, line.Detail));
        Assert.DoesNotContain(email, line.SubjectId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnonymizingKeepsTheTextAndRemovesWhoWroteIt()
    {
        var editor = await EditorAsync();
        var email = Email();
        var id = await ApprovedCommentAsync("Signed by me until I ask", email);
        await GetAsync(Article);

        var result = await Privacy.AnonymizeAsync(editor, email);

        Assert.Equal(1, result.Comments);
        var comment = (await Store.FindAsync(id))!;
        Assert.Equal((PersonalDataTools.AnonymousName, "", "", null, null, "Signed by me until I ask"),
            (comment.AuthorName, comment.AuthorEmail, comment.AuthorUrl, comment.Ip, comment.UserAgent, comment.BodySource));
        Assert.Equal(0, (await Privacy.ExportAsync(editor, email)).Comments);
        var page = (await GetAsync(Article)).Html;
        Assert.Contains("Signed by me until I ask", page, StringComparison.Ordinal);
        Assert.Equal(1, await EventsAsync("comment.edited", id));
        Assert.Equal([CommentAudit.Exported, CommentAudit.Anonymized], (await Trail.ForSubjectAsync(CommentAudit.Person, Privacy.SubjectOf(email))).Select(line => line.Action));
    }

    [Fact]
    public async Task ErasingDeletesTheCommentsAndKeepsOthersReplies()
    {
        var editor = await EditorAsync();
        var email = Email();
        var erased = await ApprovedCommentAsync("Erase me", email);
        var reply = await ApprovedCommentAsync("A reply by someone else", parent: erased);
        var count = await CommentCountAsync();

        var result = await Privacy.EraseCommentsAsync(editor, email);

        Assert.Equal(1, result.Comments);
        Assert.Null(await Store.FindAsync(erased));
        var kept = await Comments.FindAsync(reply);
        Assert.Null(kept!.ParentId);
        Assert.Equal(count - 1, await CommentCountAsync());
        Assert.Equal("1 comment", (await Trail.ForSubjectAsync(CommentAudit.Person, Privacy.SubjectOf(email)))[0].Detail);
    }

    private async Task<NewsroomUser> EditorAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var id = await Factory.Services.GetRequiredService<UserStore>().CreateAsync(new User
        {
            Login = "editor" + tag,
            DisplayName = "Editor " + tag,
            Slug = "editor-" + tag,
            Email = $"editor{tag}@example.org",
            PasswordHash = Passwords.Hash("a password of some length"),
            Role = NewsroomRole.Editor,
        });
        return new NewsroomUser(id, "Editor " + tag, NewsroomRole.Editor);
    }

    private static string Email() => $"reader-{Guid.NewGuid():N}@example.org";

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private async Task<long> PendingAsync(string text, string? email = null, string? ip = null, string? userAgent = null)
    {
        using var response = await PostCommentAsync(Fields(text, email), request =>
        {
            if (ip is not null)
            {
                request.Headers.Add(GazetteFactory.ClientAddressHeader, ip);
            }
            if (userAgent is not null)
            {
                request.Headers.UserAgent.ParseAdd(userAgent);
            }
        });
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        return CommentIdOf(response);
    }

    private async Task<long> SpamAsync()
    {
        var id = await PendingAsync("Spam to be");
        await Moderator.SetStatusAsync(id, CommentStatus.Spam, AuditActor.CommandLine);
        return id;
    }

    private async Task<string?> ReasonAsync(long id) => CommentModerationService.ReasonOf((await Store.FindAsync(id))!);

    private async Task<int> CommentCountAsync() =>
        (await Factory.Services.GetRequiredService<IArticleDirectory>().FindVisibleAsync(SampleId, CancellationToken.None))!.CommentCount;

    private async Task<int> EventsAsync(string type, long commentId)
    {
        await using var connection = await Provider.Database.OpenAsync();
        var payloads = await connection.QueryAsync<string>("select payload from events where type = @type", new { type });
        return payloads.Count(payload => JsonDocument.Parse(payload).RootElement.GetProperty("commentId").GetInt64() == commentId);
    }
}

public sealed class ModerationServiceTestsOnSqlite(SqliteProvider provider) : ModerationServiceTests<SqliteProvider>(provider);

public sealed class ModerationServiceTestsOnPostgres(PostgresProvider provider) : ModerationServiceTests<PostgresProvider>(provider);
