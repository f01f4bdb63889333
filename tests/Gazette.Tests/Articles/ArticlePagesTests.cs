using System.Net;
using Gazette.Articles;
using Gazette.Tests.Infrastructure;
using Gazette.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Articles;

/// <summary>The newsroom's article screens: the list, the editor and its actions, conflicts, previews, revisions, by role.</summary>
public sealed class ArticlePagesTests(SqliteProvider provider) : SiteTestBase<SqliteProvider>(provider)
{
    private static string Unique(string title) => $"{title} {Guid.NewGuid().ToString("N")[..8]}";

    [Fact]
    public async Task AFeaturedImageNumberThatIsNoImageIsRefusedByItsFieldWithTheFormKept()
    {
        using var author = await Newsroom.MemberAsync(Factory, "fiona", NewsroomRole.Author);
        var title = Unique("Pictureless");
        var id = await CreateAsync(author, title);
        var fields = Fields(title, handler: "save", version: 1);
        fields["FeaturedMediaId"] = "not a number";

        using var refused = await PostAsync(author, $"/admin/articles/{id}", fields);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("id=\"FeaturedMediaId-error\">There is no image with this number in the media library.", html, StringComparison.Ordinal);
        Assert.Contains("value=\"not a number\"", html, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Fields(string title, string body = "A first paragraph.\n\nA second one.", string? handler = null, int? version = null)
    {
        var fields = new Dictionary<string, string> { ["Title"] = title, ["BodyMarkdown"] = body, ["Sections"] = "World", ["Tags"] = "", ["CommentStatus"] = "open" };
        if (handler is not null)
        {
            fields["handler"] = handler;
        }
        if (version is not null)
        {
            fields["BaseVersion"] = version.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return fields;
    }

    /// <summary>Posts the form of <paramref name="page"/> to the handler its "handler" field names, as the form's buttons do (formaction="?handler=...").</summary>
    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string page, Dictionary<string, string> fields)
    {
        var handler = fields.Remove("handler", out var name) ? name : null;
        return Newsroom.PostFormAsync(client, page, fields, action: handler is null ? page : $"{page}?handler={handler}");
    }

    /// <summary>Creates an article through the new-article page; its id, from the redirect to its editor.</summary>
    private static async Task<long> CreateAsync(HttpClient client, string title, string handler = "save", string body = "A first paragraph.\n\nA second one.")
    {
        using var response = await PostAsync(client, "/admin/articles/new", Fields(title, body, handler));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/admin/articles/", location, StringComparison.Ordinal);
        return long.Parse(location["/admin/articles/".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<Article> StoredAsync(long id)
    {
        await using var connection = await Provider.Database.OpenAsync();
        return (await ArticleStore.FindAsync(connection, null, id, CancellationToken.None))!;
    }

    private async Task<string> HomeAsync()
    {
        var (_, html, _) = await GetAsync("/");
        return html;
    }

    [Fact]
    public async Task AContributorWritesAndSubmitsButCannotPublishEvenByAForgedPost()
    {
        using var contributor = await Newsroom.MemberAsync(Factory, "cora", NewsroomRole.Contributor);
        var title = Unique("Coras draft");
        var id = await CreateAsync(contributor, title);

        var editorPage = await contributor.GetStringAsync($"/admin/articles/{id}");
        Assert.Contains("formaction=\"?handler=submit\"", editorPage, StringComparison.Ordinal);
        Assert.DoesNotContain("formaction=\"?handler=publish\"", editorPage, StringComparison.Ordinal);
        Assert.DoesNotContain("formaction=\"?handler=schedule\"", editorPage, StringComparison.Ordinal);
        Assert.Contains("Draft saved.", editorPage, StringComparison.Ordinal);

        using var forged = await PostAsync(contributor, $"/admin/articles/{id}", Fields(title, handler: "publish", version: 1));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        using var forgedNew = await PostAsync(contributor, "/admin/articles/new", Fields(Unique("Sneaky"), handler: "publish"));
        Assert.Equal(HttpStatusCode.Forbidden, forgedNew.StatusCode);
        Assert.Equal(ArticleStatus.Draft, (await StoredAsync(id)).Status);

        using var submitted = await PostAsync(contributor, $"/admin/articles/{id}", Fields(title, handler: "submit", version: 1));
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal(ArticleStatus.Pending, (await StoredAsync(id)).Status);
        Assert.DoesNotContain(title, await HomeAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthorsSeeOnlyTheirOwnArticlesAndEditorsSeeEveryonesWithTabsAndCounts()
    {
        using var author = await Newsroom.MemberAsync(Factory, "ava", NewsroomRole.Author);
        using var other = await Newsroom.MemberAsync(Factory, "otto", NewsroomRole.Author);
        using var editor = await Newsroom.MemberAsync(Factory, "eddie", NewsroomRole.Editor);
        var mine = Unique("Avas story");
        var theirs = Unique("Ottos story");
        var mineId = await CreateAsync(author, mine);
        var theirsId = await CreateAsync(other, theirs);

        var authorList = await author.GetStringAsync("/admin/articles");
        Assert.Contains(mine, authorList, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs, authorList, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await author.GetAsync($"/admin/articles/{theirsId}")).StatusCode);

        var editorList = await editor.GetStringAsync("/admin/articles?status=draft");
        Assert.Contains(mine, editorList, StringComparison.Ordinal);
        Assert.Contains(theirs, editorList, StringComparison.Ordinal);
        Assert.Contains("Pending review", editorList, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/articles/new\"", editorList, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync($"/admin/articles/{mineId}")).StatusCode);
        Assert.DoesNotContain(mine, await editor.GetStringAsync("/admin/articles?status=trash"), StringComparison.Ordinal);
        Assert.DoesNotContain(theirs, await editor.GetStringAsync("/admin/articles?q=ava"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await editor.GetAsync("/admin/articles/987654")).StatusCode);
    }

    [Fact]
    public async Task ThePagerLinksPreviousAndNext()
    {
        using var editor = await Newsroom.MemberAsync(Factory, "pager", NewsroomRole.Editor);
        var marker = Guid.NewGuid().ToString("N")[..6];
        for (var i = 0; i < 21; i++)
        {
            await CreateAsync(editor, $"Paged {marker} {i}");
        }

        var first = await editor.GetStringAsync($"/admin/articles?q={marker}");
        Assert.Contains($"rel=\"next\" href=\"/admin/articles?q={marker}&amp;p=2\"", first, StringComparison.Ordinal);
        var second = await editor.GetStringAsync($"/admin/articles?q={marker}&p=2");
        Assert.Contains($"rel=\"prev\" href=\"/admin/articles?q={marker}\"", second, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"next\"", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAuthorCreatesSavesAndPublishesAndTheArticleIsOnTheHomePageThenUnpublishesIt()
    {
        using var author = await Newsroom.MemberAsync(Factory, "pia", NewsroomRole.Author);
        var title = Unique("Harbour reopens");
        var id = await CreateAsync(author, title);
        using (var saved = await PostAsync(author, $"/admin/articles/{id}", Fields(title, "Edited body.", "save", 1)))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }
        Assert.DoesNotContain(title, await HomeAsync(), StringComparison.Ordinal);

        using (var published = await PostAsync(author, $"/admin/articles/{id}", Fields(title, "Edited body.", "publish", 2)))
        {
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        }
        var page = await author.GetStringAsync($"/admin/articles/{id}");
        Assert.Contains("Published. View it: http://localhost/20", page, StringComparison.Ordinal);
        Assert.Contains("formaction=\"?handler=unpublish\"", page, StringComparison.Ordinal);
        Assert.Contains(">Update<", page, StringComparison.Ordinal);
        Assert.Contains(title, await HomeAsync(), StringComparison.Ordinal);

        using (var unpublished = await PostAsync(author, $"/admin/articles/{id}", Fields(title, "Edited body.", "unpublish", 3)))
        {
            Assert.Equal(HttpStatusCode.Redirect, unpublished.StatusCode);
        }
        Assert.DoesNotContain(title, await HomeAsync(), StringComparison.Ordinal);
        Assert.Equal(ArticleStatus.Draft, (await StoredAsync(id)).Status);

        using (var trashed = await PostAsync(author, $"/admin/articles/{id}", Fields(title, handler: "trash", version: 4)))
        {
            Assert.Equal(HttpStatusCode.Redirect, trashed.StatusCode);
        }
        Assert.Contains("formaction=\"?handler=restore\"", await author.GetStringAsync($"/admin/articles/{id}"), StringComparison.Ordinal);
        using (var restored = await PostAsync(author, $"/admin/articles/{id}", Fields(title, handler: "restore", version: 5)))
        {
            Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        }
        Assert.Equal(ArticleStatus.Draft, (await StoredAsync(id)).Status);
    }

    [Fact]
    public async Task PublishingFromTheNewPageGoesStraightOut()
    {
        using var editor = await Newsroom.MemberAsync(Factory, "quick", NewsroomRole.Editor);
        var title = Unique("Breaking");
        var id = await CreateAsync(editor, title, "publish");

        Assert.Equal(ArticleStatus.Published, (await StoredAsync(id)).Status);
        Assert.Contains(title, await HomeAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadFormIsRefusedWith422AndWhatWasTypedKept()
    {
        using var author = await Newsroom.MemberAsync(Factory, "vera", NewsroomRole.Author);

        using var refused = await PostAsync(author, "/admin/articles/new", Fields("", "My careful <b>body</b> text", "save"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("id=\"Title-error\">Enter a title.", html, StringComparison.Ordinal);
        Assert.Contains("My careful &lt;b&gt;body&lt;/b&gt; text</textarea>", html, StringComparison.Ordinal);

        var id = await CreateAsync(author, Unique("Valid"));
        using var badSlug = await PostAsync(author, $"/admin/articles/{id}", new(Fields("Still valid", "Kept body", "save", 1)) { ["Slug"] = "admin" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badSlug.StatusCode);
        var slugHtml = await badSlug.Content.ReadAsStringAsync();
        Assert.Contains("id=\"Slug-error\">", slugHtml, StringComparison.Ordinal);
        Assert.Contains("Kept body</textarea>", slugHtml, StringComparison.Ordinal);
        Assert.Equal(1, (await StoredAsync(id)).Version);
    }

    [Fact]
    public async Task OfTwoEditorsSavingFromTheSameVersionTheSecondGetsAConflictWithBothVersionsAndItsTextKept()
    {
        using var alice = await Newsroom.MemberAsync(Factory, "alice", NewsroomRole.Editor);
        using var bob = await Newsroom.MemberAsync(Factory, "bob", NewsroomRole.Editor);
        var title = Unique("Contested");
        var id = await CreateAsync(alice, title);
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync($"/admin/articles/{id}")).StatusCode);
        var bobsView = await bob.GetStringAsync($"/admin/articles/{id}");
        Assert.Contains("Alice has been editing this since", bobsView, StringComparison.Ordinal);
        Assert.Contains("formaction=\"?handler=takeover\"", bobsView, StringComparison.Ordinal);

        using (var first = await PostAsync(alice, $"/admin/articles/{id}", Fields(title, "Alice's words.", "save", 1)))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }
        using var second = await PostAsync(bob, $"/admin/articles/{id}", Fields(title, "Bob's words.", "save", 1));

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var html = await second.Content.ReadAsStringAsync();
        Assert.Contains("Someone saved this article since you opened it", html, StringComparison.Ordinal);
        Assert.Contains("Alice&#x27;s", html, StringComparison.Ordinal);
        Assert.Contains("Bob&#x27;s words.</textarea>", html, StringComparison.Ordinal);
        Assert.Contains("name=\"BaseVersion\" value=\"2\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/admin/articles/{id}\"", html, StringComparison.Ordinal);
        Assert.Equal("Alice's words.", (await StoredAsync(id)).BodyMarkdown);

        using (var takeOver = await PostAsync(bob, $"/admin/articles/{id}", new() { ["handler"] = "takeover" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, takeOver.StatusCode);
        }
        Assert.Contains("Bob has been editing this since", await alice.GetStringAsync($"/admin/articles/{id}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AScheduledArticleGoesOutAtItsTime()
    {
        using var editor = await Newsroom.MemberAsync(Factory, "sched", NewsroomRole.Editor);
        var title = Unique("Embargoed");
        var id = await CreateAsync(editor, title);
        var at = Factory.Clock.GetUtcNow().AddHours(2);

        using var past = await PostAsync(editor, $"/admin/articles/{id}", new(Fields(title, handler: "schedule", version: 1)) { ["ScheduleAt"] = "2001-01-01T10:00" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, past.StatusCode);
        Assert.Contains("id=\"ScheduleAt-error\"", await past.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var scheduled = await PostAsync(editor, $"/admin/articles/{id}",
            new(Fields(title, handler: "schedule", version: 1)) { ["ScheduleAt"] = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);
        Assert.Contains("Scheduled for", await editor.GetStringAsync($"/admin/articles/{id}"), StringComparison.Ordinal);
        Assert.Equal(ArticleStatus.Scheduled, (await StoredAsync(id)).Status);
        Assert.DoesNotContain(title, await HomeAsync(), StringComparison.Ordinal);

        Factory.Clock.Advance(TimeSpan.FromHours(3));
        await Factory.Services.GetRequiredService<ScheduledPublishing>().RunAsync(CancellationToken.None);

        Assert.Equal(ArticleStatus.Published, (await StoredAsync(id)).Status);
        Assert.Contains(title, await HomeAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePreviewShowsTheTypedUnsavedText()
    {
        using var author = await Newsroom.MemberAsync(Factory, "prue", NewsroomRole.Contributor);

        using var preview = await PostAsync(author, "/admin/articles/new", Fields("Not saved yet", "Words nobody saved.", "preview"));

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var html = await preview.Content.ReadAsStringAsync();
        Assert.Contains("Words nobody saved.", html, StringComparison.Ordinal);
        Assert.Contains("Preview", html, StringComparison.Ordinal);
        Assert.Contains("noindex", html, StringComparison.Ordinal);
        // The theme's inline critical CSS is allowed (by its hash), so the preview looks like the page.
        Assert.Contains("style-src 'self' 'sha256-", preview.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.DoesNotContain("Not saved yet", await author.GetStringAsync("/admin/articles"), StringComparison.Ordinal);
    }
    [Fact]
    public async Task RevisionsCompareWithTheChangesMarkedAndOneIsRestored()
    {
        using var author = await Newsroom.MemberAsync(Factory, "rex", NewsroomRole.Author);
        var title = Unique("Revised");
        var id = await CreateAsync(author, title, body: "The mayor said yes.\n\nUnchanged line.");
        using (var saved = await PostAsync(author, $"/admin/articles/{id}", Fields(title, "The mayor said no.\n\nUnchanged line.\n\nA new line.", "save", 1)))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var page = await author.GetStringAsync($"/admin/articles/{id}/revisions?from=1&to=2");

        Assert.Contains("Version 1 compared with version 2", page, StringComparison.Ordinal);
        Assert.Contains("<del class=\"diff-del\">yes", page, StringComparison.Ordinal);
        Assert.Contains("<ins class=\"diff-ins\">no", page, StringComparison.Ordinal);
        Assert.Contains("<ins class=\"diff-ins\">A new line.</ins>", page, StringComparison.Ordinal);
        Assert.Contains("Rex", page, StringComparison.Ordinal);

        using var restored = await Newsroom.PostFormAsync(author, $"/admin/articles/{id}/revisions", new() { ["version"] = "1", ["baseVersion"] = "2" }, action: $"/admin/articles/{id}/revisions?handler=restore");
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        var article = await StoredAsync(id);
        Assert.Equal(3, article.Version);
        Assert.Equal("The mayor said yes.\n\nUnchanged line.", article.BodyMarkdown);
        Assert.Contains("Version 1 restored, as version 3.", await author.GetStringAsync($"/admin/articles/{id}"), StringComparison.Ordinal);

        using var other = await Newsroom.MemberAsync(Factory, "nosy", NewsroomRole.Author);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/admin/articles/{id}/revisions")).StatusCode);
    }

    [Fact]
    public async Task APreviewLinkShowsTheDraftWithoutAnAccountUntilRevoked()
    {
        using var author = await Newsroom.MemberAsync(Factory, "lena", NewsroomRole.Author);
        var title = Unique("For the lawyer");
        var id = await CreateAsync(author, title);

        using var tooLong = await Newsroom.PostFormAsync(author, $"/admin/articles/{id}", new() { ["days"] = "31" }, action: $"/admin/articles/{id}?handler=share");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLong.StatusCode);

        using var shared = await Newsroom.PostFormAsync(author, $"/admin/articles/{id}", new() { ["days"] = "3" }, action: $"/admin/articles/{id}?handler=share");
        Assert.Equal(HttpStatusCode.OK, shared.StatusCode);
        var html = await shared.Content.ReadAsStringAsync();
        var url = System.Text.RegularExpressions.Regex.Match(html, "<code class=\"link-text\">http://localhost(/preview/[^<]+/)</code>").Groups[1].Value;
        Assert.StartsWith("/preview/", url, StringComparison.Ordinal);

        var (status, preview, _) = await GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(title, preview, StringComparison.Ordinal);
        Assert.Contains("noindex", preview, StringComparison.Ordinal);

        var links = await Factory.Services.GetRequiredService<PreviewLinks>().ListAsync(new NewsroomUser((await StoredAsync(id)).AuthorId!.Value, "Lena", NewsroomRole.Author), id);
        using var revoked = await Newsroom.PostFormAsync(author, $"/admin/articles/{id}", new() { ["link"] = links[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, action: $"/admin/articles/{id}?handler=revoke");
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(url)).Status);
    }

    [Fact]
    public async Task TheDashboardShowsTheQueuesAndAContributorsDrafts()
    {
        using var contributor = await Newsroom.MemberAsync(Factory, "dora", NewsroomRole.Contributor);
        using var editor = await Newsroom.MemberAsync(Factory, "dash", NewsroomRole.Editor);
        var draft = Unique("Dora draft");
        var pending = Unique("Dora pending");
        await CreateAsync(contributor, draft);
        await CreateAsync(contributor, pending, "submit");

        var contributorDashboard = await contributor.GetStringAsync("/admin/");
        Assert.Contains("Your drafts", contributorDashboard, StringComparison.Ordinal);
        Assert.Contains(draft, contributorDashboard, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/articles\"", contributorDashboard, StringComparison.Ordinal);

        var editorDashboard = await editor.GetStringAsync("/admin/");
        Assert.Contains("Awaiting review", editorDashboard, StringComparison.Ordinal);
        Assert.Contains(pending, editorDashboard, StringComparison.Ordinal);
        Assert.Contains("submitted by Dora", editorDashboard, StringComparison.Ordinal);
        Assert.DoesNotContain("Your drafts", editorDashboard, StringComparison.Ordinal);
    }
    [Fact]
    public async Task AnAutosaveIsOfferedBackAndRestoredIntoTheFormWithoutTouchingTheArticle()
    {
        using var author = await Newsroom.MemberAsync(Factory, "auto", NewsroomRole.Author);
        var title = Unique("Autosaved");
        var id = await CreateAsync(author, title, body: "Saved words.");
        Factory.Clock.Advance(TimeSpan.FromMinutes(1));

        using (var autosaved = await PostAsync(author, $"/admin/articles/{id}", Fields(title, "Words the browser kept.", "autosave", 1)))
        {
            Assert.Equal(HttpStatusCode.NoContent, autosaved.StatusCode);
        }
        using (var renewed = await PostAsync(author, $"/admin/articles/{id}", new() { ["handler"] = "renew" }))
        {
            Assert.Equal(HttpStatusCode.NoContent, renewed.StatusCode);
        }
        Assert.Equal("Saved words.", (await StoredAsync(id)).BodyMarkdown);
        Assert.Contains("You have unsaved changes from", await author.GetStringAsync($"/admin/articles/{id}"), StringComparison.Ordinal);

        using var restored = await PostAsync(author, $"/admin/articles/{id}", new() { ["handler"] = "restoreautosave" });
        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        Assert.Contains("Words the browser kept.</textarea>", await restored.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using (var discarded = await PostAsync(author, $"/admin/articles/{id}", new() { ["handler"] = "discardautosave" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, discarded.StatusCode);
        }
        Assert.DoesNotContain("You have unsaved changes from", await author.GetStringAsync($"/admin/articles/{id}"), StringComparison.Ordinal);
    }
}
