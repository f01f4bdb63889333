using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Gazette.Articles;
using Gazette.Kernel;
using Gazette.Tests.Feeds;
using Gazette.Tests.Infrastructure;
using Gazette.Web;

namespace Gazette.Tests.Articles;

/// <summary>The notice rules alone: which kinds exist, when a note is required, how long it may be.</summary>
public sealed class NoticeRulesTests
{
    private static Dictionary<string, string> Check(string kind, string? note, bool published = true)
    {
        var errors = new Dictionary<string, string>();
        NoticeKind.Check(kind, note, published, errors);
        return errors;
    }

    [Fact]
    public void ACorrectionNeedsANoteAnUpdateMayHaveOneAndAMinorEditHasNone()
    {
        Assert.Empty(Check(NoticeKind.Minor, null));
        Assert.Empty(Check(NoticeKind.Update, null));
        Assert.Empty(Check(NoticeKind.Update, "New figures from the council."));
        Assert.Empty(Check(NoticeKind.Correction, "The mayor's name was misspelled."));
        Assert.Contains(ArticleFields.NoticeNote, Check(NoticeKind.Correction, " \n ").Keys);
        Assert.Contains(ArticleFields.NoticeNote, Check(NoticeKind.Minor, "A note nobody would see."));
        Assert.Contains(ArticleFields.Notice, Check("retraction", "Gone.").Keys);
    }

    [Fact]
    public void OnlyAPublishedArticleTakesANoticeAndANoteHasALimit()
    {
        Assert.Contains(ArticleFields.Notice, Check(NoticeKind.Correction, "Wrong.", published: false).Keys);
        Assert.Empty(Check(NoticeKind.Minor, "A leftover note on a draft.", published: false));
        Assert.Empty(Check(NoticeKind.Update, new string('a', NoticeKind.MaxNoteLength)));
        Assert.Contains(ArticleFields.NoticeNote, Check(NoticeKind.Update, new string('a', NoticeKind.MaxNoteLength + 1)).Keys);
    }

    [Fact]
    public void ANoteIsStoredAsOneLineOfPlainText()
    {
        Assert.Equal("Two lines become one.", NoticeKind.Note("  Two lines\r\n become\tone.\u202E "));
    }
}

/// <summary>Corrections and updates through the newsroom's form, and where readers, feeds and the WordPress API see them, on both databases.</summary>
public abstract partial class CorrectionsTests<TProvider>(TProvider provider) : NewsroomTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    private const string Body = "First paragraph.\n\nSecond paragraph.";

    private async Task<(HttpClient Client, NewsroomUser Member)> SignedInEditorAsync()
    {
        var login = "ed" + Guid.NewGuid().ToString("N")[..8];
        var user = await Newsroom.AddUserAsync(Factory, login, NewsroomRole.Editor);
        return (await Newsroom.SignInAsync(Factory, login), new NewsroomUser(user.Id, user.DisplayName, NewsroomRole.Editor));
    }

    private async Task<EditableArticle> PublishedAsync(NewsroomUser member, string title)
    {
        var draft = await DraftAsync(member, Input(title, Body));
        var published = (await Editor.PublishAsync(member, draft.Article.Id, 1)).Article!;
        Factory.Clock.Advance(TimeSpan.FromHours(2));
        return published;
    }

    private static Dictionary<string, string> Form(EditableArticle article, string title, string notice, string note) => new()
    {
        ["Title"] = title,
        ["Slug"] = article.Article.Slug,
        ["BodyMarkdown"] = Body,
        ["CommentStatus"] = "open",
        ["Notice"] = notice,
        ["NoticeNote"] = note,
        ["BaseVersion"] = article.Article.Version.ToString(CultureInfo.InvariantCulture),
    };

    private static Task<HttpResponseMessage> SaveAsync(HttpClient client, long id, Dictionary<string, string> form) =>
        Newsroom.PostFormAsync(client, $"/admin/articles/{id}", form, action: $"/admin/articles/{id}?handler=save");

    private async Task<List<ArticleNotice>> StoredNoticesAsync(long id)
    {
        await using var connection = await Provider.Database.OpenAsync();
        return (await ArticleNotices.ListAsync(connection, null, id, CancellationToken.None)).ToList();
    }

    private static string DateModified(string html) =>
        JsonDocument.Parse(JsonLd().Match(html).Groups[1].Value).RootElement.EnumerateArray()
            .Single(node => node.GetProperty("@type").GetString() == "NewsArticle").GetProperty("dateModified").GetString()!;

    [GeneratedRegex("<script type=\"application/ld\\+json\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex JsonLd();

    [Fact]
    public async Task AnUpdateThenACorrectionFromTheFormShowOnTheCachedPageNewestFirstWithTheUpdatedTime()
    {
        var (client, member) = await SignedInEditorAsync();
        var title = Unique("Harbour vote");
        var article = await PublishedAsync(member, title);
        var path = article.Permalink!;
        var before = (await GetAsync(path)).Html;
        Assert.Equal((await GetAsync(path)).Html, before);
        Assert.DoesNotContain("Updated", before, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"notices\"", before, StringComparison.Ordinal);
        Assert.Equal(DateText.Iso(article.Article.PublishedAt!.Value), DateModified(before));

        using (var updated = await SaveAsync(client, article.Article.Id, Form(article, title, NoticeKind.Update, "The vote count (7 < 9) was added.")))
        {
            Assert.Equal(HttpStatusCode.Redirect, updated.StatusCode);
        }
        var updateTime = Now;
        var afterUpdate = (await GetAsync(path)).Html;
        Assert.Contains($"Updated <time datetime=\"{DateText.Iso(updateTime)}\">", afterUpdate, StringComparison.Ordinal);
        Assert.Contains("<strong class=\"notice__label\">Update</strong>", afterUpdate, StringComparison.Ordinal);
        Assert.Contains("The vote count (7 &lt; 9) was added.", afterUpdate, StringComparison.Ordinal);
        Assert.Equal(DateText.Iso(updateTime), DateModified(afterUpdate));

        Factory.Clock.Advance(TimeSpan.FromHours(1));
        var reopened = (await Editor.OpenAsync(member, article.Article.Id)).Article!;
        using (var corrected = await SaveAsync(client, article.Article.Id, Form(reopened, title, NoticeKind.Correction, "An earlier version gave the wrong date for the vote.")))
        {
            Assert.Equal(HttpStatusCode.Redirect, corrected.StatusCode);
        }
        var correctionTime = Now;
        var html = (await GetAsync(path)).Html;
        Assert.Contains($"Updated <time datetime=\"{DateText.Iso(correctionTime)}\">", html, StringComparison.Ordinal);
        Assert.Contains("<h2 class=\"notices__heading\" id=\"notices-heading\">Corrections and updates</h2>", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("notice--correction", StringComparison.Ordinal) < html.IndexOf("notice--update", StringComparison.Ordinal), "the newest notice comes first");
        Assert.Equal(DateText.Iso(correctionTime), DateModified(html));

        var stored = await StoredNoticesAsync(article.Article.Id);
        Assert.Equal([NoticeKind.Correction, NoticeKind.Update], stored.Select(notice => notice.Kind));
        Assert.All(stored, notice => Assert.Equal(member.Id, notice.CreatedBy));
        Assert.Equal(correctionTime, (await Editor.OpenAsync(member, article.Article.Id)).Article!.Article.RevisedAt);
        var editorPage = await client.GetStringAsync($"/admin/articles/{article.Article.Id}");
        Assert.Contains("Shown to readers", editorPage, StringComparison.Ordinal);
        Assert.Contains("An earlier version gave the wrong date for the vote.", editorPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMinorEditFromTheFormChangesNeitherTheUpdatedTimeNorTheNotices()
    {
        var (client, member) = await SignedInEditorAsync();
        var title = Unique("Quiet fix");
        var article = await PublishedAsync(member, title);

        using (var saved = await SaveAsync(client, article.Article.Id, Form(article, title + " (typo fixed)", NoticeKind.Minor, "")))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var html = (await GetAsync(article.Permalink!)).Html;
        Assert.Contains("(typo fixed)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Updated", html, StringComparison.Ordinal);
        Assert.Equal(DateText.Iso(article.Article.PublishedAt!.Value), DateModified(html));
        Assert.Empty(await StoredNoticesAsync(article.Article.Id));
        Assert.Null((await Editor.OpenAsync(member, article.Article.Id)).Article!.Article.RevisedAt);
    }

    [Theory]
    [InlineData(NoticeKind.Correction, "", "NoticeNote", "A correction says what was wrong")]
    [InlineData(NoticeKind.Update, "LONG", "NoticeNote", "A note is at most 1000 characters")]
    [InlineData(NoticeKind.Minor, "A note for a minor edit.", "NoticeNote", "A minor edit shows no note")]
    [InlineData("retraction", "Gone.", "Notice", "Choose a minor edit, an update or a correction.")]
    public async Task BadNoticeInputKeepsWhatWasTypedShowsTheErrorByItsFieldAndSavesNothing(string kind, string note, string field, string message)
    {
        var (client, member) = await SignedInEditorAsync();
        var title = Unique("Refused notice");
        var article = await PublishedAsync(member, title);
        var typed = note == "LONG" ? new string('x', NoticeKind.MaxNoteLength + 1) : note;

        using var refused = await SaveAsync(client, article.Article.Id, Form(article, title + " typed", kind, typed));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains($"<span class=\"error\" id=\"{field}-error\">{WebUtility.HtmlEncode(message)}", html, StringComparison.Ordinal);
        Assert.Contains($"aria-describedby=\"{field}-hint {field}-error\"", html, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(title + " typed"), html, StringComparison.Ordinal);
        Assert.Contains($">{WebUtility.HtmlEncode(typed)}</textarea>", html, StringComparison.Ordinal);
        if (kind != "retraction")
        {
            Assert.Matches($"value=\"{kind}\" checked", html);
        }
        var stored = (await Editor.OpenAsync(member, article.Article.Id)).Article!;
        Assert.Equal(article.Article.Version, stored.Article.Version);
        Assert.Equal(title, stored.Article.Title);
        Assert.Null(stored.Article.RevisedAt);
        Assert.Empty(await StoredNoticesAsync(article.Article.Id));
    }

    [Fact]
    public async Task ADraftOrAPageTakesNoNoticeAndTheirFormOffersNone()
    {
        var editor = await MemberAsync(NewsroomRole.Editor);
        var draft = await DraftAsync(editor, Input(Unique("Draft")));
        var refused = await Editor.SaveAsync(editor, draft.Article.Id, 1, ArticleInput.Of(draft) with { Notice = NoticeKind.Correction, NoticeNote = "Wrong." });
        Assert.Equal(EditOutcome.Invalid, refused.Outcome);
        Assert.Contains(ArticleFields.Notice, refused.Errors.Keys);

        var page = await DraftAsync(editor, Input(Unique("About us")) with { Kind = ArticleKind.Page });
        var published = (await Editor.PublishAsync(editor, page.Article.Id, 1)).Article!;
        var onPage = await Editor.SaveAsync(editor, page.Article.Id, published.Article.Version, ArticleInput.Of(published) with { Notice = NoticeKind.Update, NoticeNote = "New address." });
        Assert.Equal(EditOutcome.Invalid, onPage.Outcome);
        Assert.Empty(await StoredNoticesAsync(page.Article.Id));
    }

    [Fact]
    public async Task FeedsCarryTheUpdatedTimeAndTheLatestNoticeFirstAtTheNextRequest()
    {
        var editor = await MemberAsync(NewsroomRole.Editor);
        var title = Unique("Feed fix");
        var article = await PublishedAsync(editor, title);
        var atomBefore = (await GetAsync("/feed/atom/")).Html;
        Assert.Contains(title, atomBefore, StringComparison.Ordinal);
        Assert.DoesNotContain("Wrong ferry line", atomBefore, StringComparison.Ordinal);

        var saved = await Editor.SaveAsync(editor, article.Article.Id, article.Article.Version,
            ArticleInput.Of(article) with { Notice = NoticeKind.Correction, NoticeNote = "Wrong ferry line <named>." });
        Assert.Equal(EditOutcome.Done, saved.Outcome);
        var at = Now;

        var atom = FeedShapes.AtomFeed((await GetAsync("/feed/atom/")).Html).Items.Single(item => item.Title.Text == title);
        Assert.Equal(at, atom.LastUpdatedTime);
        Assert.Equal(article.Article.PublishedAt, atom.PublishDate);
        var atomContent = ((System.ServiceModel.Syndication.TextSyndicationContent)atom.Content).Text;
        Assert.StartsWith("<p><strong>Correction, ", atomContent, StringComparison.Ordinal);
        Assert.Contains("Wrong ferry line &lt;named&gt;.</p>", atomContent, StringComparison.Ordinal);

        var json = FeedShapes.Json((await GetAsync("/feed.json")).Html).GetProperty("items").EnumerateArray().Single(item => item.GetProperty("title").GetString() == title);
        Assert.Equal(DateText.Iso(at), json.GetProperty("date_modified").GetString());
        Assert.StartsWith("<p><strong>Correction, ", json.GetProperty("content_html").GetString(), StringComparison.Ordinal);

        var rss = (await GetAsync("/feed/")).Html;
        Assert.Contains("Correction, ", rss, StringComparison.Ordinal);
        Assert.Contains("Wrong ferry line", rss, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheWordPressApisModifiedIsTheUpdatedTimeOnceThereIsOne()
    {
        var editor = await MemberAsync(NewsroomRole.Editor);
        var article = await PublishedAsync(editor, Unique("Api fix"));
        var saved = (await Editor.SaveAsync(editor, article.Article.Id, article.Article.Version,
            ArticleInput.Of(article) with { Notice = NoticeKind.Update, NoticeNote = "Added the timetable." })).Article!;
        var at = Now;
        Factory.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(EditOutcome.Done, (await Editor.SaveAsync(editor, article.Article.Id, saved.Article.Version, ArticleInput.Of(saved) with { Summary = "A minor change." })).Outcome);

        var (status, body, _) = await GetAsync($"/wp-json/wp/v2/posts/{article.Article.Id}");

        Assert.Equal(HttpStatusCode.OK, status);
        var post = JsonDocument.Parse(body).RootElement;
        Assert.Equal(at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture), post.GetProperty("modified_gmt").GetString());
    }
}

public sealed class CorrectionsTestsOnSqlite(SqliteProvider provider) : CorrectionsTests<SqliteProvider>(provider);

public sealed class CorrectionsTestsOnPostgres(PostgresProvider provider) : CorrectionsTests<PostgresProvider>(provider);
