using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Gazette.Articles;
using Gazette.Kernel;
using Gazette.Tests.Feeds;
using Gazette.Tests.Infrastructure;
using Gazette.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Articles;

/// <summary>The entry rules alone: an entry says something, within limits, and its headline is one clean line.</summary>
public sealed class LiveEntryRulesTests
{
    [Fact]
    public void AnEntryNeedsABodyAndBothFieldsHaveLimits()
    {
        Assert.Empty(new LiveEntryInput(null, "Polls have closed.", false).Check());
        Assert.Contains(LiveFields.Body, new LiveEntryInput("Headline alone", " \n ", false).Check().Keys);
        Assert.Contains(LiveFields.Body, new LiveEntryInput(null, new string('a', LiveEntryInput.MaxBodyLength + 1), false).Check().Keys);
        Assert.Contains(LiveFields.Headline, new LiveEntryInput(new string('h', LiveEntryInput.MaxHeadlineLength + 1), "Text.", false).Check().Keys);
        Assert.Empty(new LiveEntryInput(new string('h', LiveEntryInput.MaxHeadlineLength), "Text.", true).Check());
    }

    [Fact]
    public void AHeadlineIsStoredAsOneLineOfPlainTextAndAnEntryIsNamedByItsId()
    {
        Assert.Equal("Results are in", new LiveEntryInput("  Results\r\n are\u202E in ", "x", false).CleanHeadline);
        Assert.Equal("entry-42", LiveEntryInput.Anchor(42));
    }
}

/// <summary>Live blogs through the newsroom's live desk, on the article page, its live endpoint, JSON-LD and the feeds, on both databases.</summary>
public abstract partial class LiveBlogTests<TProvider>(TProvider provider) : NewsroomTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    private LiveDesk Desk => Factory.Services.GetRequiredService<LiveDesk>();

    private async Task<(HttpClient Client, NewsroomUser Member)> SignedInAsync(string role)
    {
        var login = role + Guid.NewGuid().ToString("N")[..8];
        var user = await Newsroom.AddUserAsync(Factory, login, role);
        return (await Newsroom.SignInAsync(Factory, login), new NewsroomUser(user.Id, user.DisplayName, role));
    }

    private async Task<EditableArticle> PublishedAsync(NewsroomUser member, string title)
    {
        var draft = await DraftAsync(member, Input(title, sections: ["Politics"], tags: ["Election"]));
        var published = (await Editor.PublishAsync(member, draft.Article.Id, 1)).Article!;
        Factory.Clock.Advance(TimeSpan.FromMinutes(5));
        return published;
    }

    private async Task<(EditableArticle Article, string Path)> LiveAsync(NewsroomUser member, string title)
    {
        var article = await PublishedAsync(member, title);
        Assert.Equal(LiveOutcome.Done, (await Desk.StartAsync(member, article.Article.Id, CancellationToken.None)).Outcome);
        return (article, article.Permalink!);
    }

    private async Task<long> PostAsync(NewsroomUser member, long articleId, string body, string? headline = null, bool keyEvent = false)
    {
        var posted = await Desk.PostAsync(member, articleId, new LiveEntryInput(headline, body, keyEvent), CancellationToken.None);
        Assert.Equal(LiveOutcome.Done, posted.Outcome);
        Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        return posted.EntryId!.Value;
    }

    private static Task<HttpResponseMessage> PostEntryFormAsync(HttpClient client, long id, string headline, string body, bool keyEvent = false)
    {
        var fields = new Dictionary<string, string> { ["Headline"] = headline, ["BodyMarkdown"] = body };
        if (keyEvent)
        {
            fields["KeyEvent"] = "true";
        }
        return Newsroom.PostFormAsync(client, $"/admin/articles/{id}/live", fields);
    }

    private async Task<JsonElement> LiveJsonAsync(string path)
    {
        var (status, body, _) = await GetAsync(path + "live.json");
        Assert.Equal(HttpStatusCode.OK, status);
        return JsonDocument.Parse(body).RootElement;
    }

    private static JsonElement Posting(string html) =>
        JsonDocument.Parse(JsonLd().Match(html).Groups[1].Value).RootElement.EnumerateArray()
            .Single(node => node.GetProperty("@type").GetString() is "NewsArticle" or "LiveBlogPosting");

    private static List<string> EntryAnchors(string html) => [.. EntryId().Matches(html).Select(match => match.Groups[1].Value)];

    private async Task<int> StoredEntriesAsync(long articleId)
    {
        await using var connection = await Provider.Database.OpenAsync();
        return await connection.ExecuteScalarAsync<int>("select count(*) from live_entries where article_id = @articleId", new { articleId });
    }

    [GeneratedRegex("<script type=\"application/ld\\+json\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex JsonLd();

    [GeneratedRegex("<li class=\"live-entry[^\"]*\" id=\"(entry-\\d+)\"")]
    private static partial Regex EntryId();

    [Fact]
    public async Task AnEditorStartsCoverageAndPostsEntriesFromTheFormAndTheCachedPageAndEndpointShowThemNewestFirst()
    {
        var (client, member) = await SignedInAsync(NewsroomRole.Editor);
        var title = Unique("Election night");
        var article = await PublishedAsync(member, title);
        var id = article.Article.Id;
        var path = article.Permalink!;
        var editor = await client.GetStringAsync($"/admin/articles/{id}");
        Assert.Contains($"href=\"/admin/articles/{id}/live\"", editor, StringComparison.Ordinal);
        var before = (await GetAsync(path)).Html;
        Assert.DoesNotContain("class=\"live\"", before, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(path + "live.json")).Status);

        using (var started = await Newsroom.PostFormAsync(client, $"/admin/articles/{id}/live", [], action: $"/admin/articles/{id}/live?handler=start"))
        {
            Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        }
        var empty = (await GetAsync(path)).Html;
        Assert.Contains("<p class=\"live-badge\">", empty, StringComparison.Ordinal);
        Assert.Contains("No updates yet.", empty, StringComparison.Ordinal);
        Assert.Contains($"data-live-poll=\"{path}live.json\" data-live-seconds=\"30\"", empty, StringComparison.Ordinal);
        Assert.Contains("<script src=\"/assets/live.js\" defer></script>", empty, StringComparison.Ordinal);
        Assert.Empty((await LiveJsonAsync(path)).GetProperty("entries").EnumerateArray());
        Assert.NotNull((await GetAsync(path + "live.json")).Response.Headers.Age);

        using (var first = await PostEntryFormAsync(client, id, "Polls close", "Voting has ended in **every** district."))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }
        var firstTime = Now;
        Factory.Clock.Advance(TimeSpan.FromMinutes(3));
        using (var second = await PostEntryFormAsync(client, id, "", "First results <script>alert(1)</script> from the north.", keyEvent: true))
        {
            Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        }
        var secondTime = Now;

        var (_, html, response) = await GetAsync(path);
        Assert.Null(response.Headers.Age);
        var anchors = EntryAnchors(html);
        Assert.Equal(2, anchors.Count);
        Assert.Contains("<li class=\"live-entry live-entry--key\" id=\"" + anchors[0] + "\">", html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{path}#{anchors[0]}\"><time datetime=\"{DateText.Iso(secondTime)}\">", html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{path}#{anchors[1]}\"><time datetime=\"{DateText.Iso(firstTime)}\">", html, StringComparison.Ordinal);
        Assert.Contains("<h3 class=\"live-entry__headline\">Polls close</h3>", html, StringComparison.Ordinal);
        Assert.Contains("Voting has ended in <strong>every</strong> district.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("alert(1)", html, StringComparison.Ordinal);
        Assert.Contains($"Updated <time datetime=\"{DateText.Iso(secondTime)}\">", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("class=\"live\"", StringComparison.Ordinal) < html.IndexOf("id=\"comments\"", StringComparison.Ordinal) || !html.Contains("id=\"comments\"", StringComparison.Ordinal));
        Assert.Equal(html, (await GetAsync(path)).Html);

        var json = await LiveJsonAsync(path);
        Assert.True(json.GetProperty("live").GetBoolean());
        Assert.Equal(anchors, json.GetProperty("entries").EnumerateArray().Select(entry => entry.GetProperty("anchor").GetString()!));
        var newest = json.GetProperty("entries")[0];
        Assert.Equal($"{path}#{anchors[0]}", newest.GetProperty("url").GetString());
        Assert.True(newest.GetProperty("keyEvent").GetBoolean());
        Assert.Equal(member.Name, newest.GetProperty("author").GetString());
        Assert.DoesNotContain("<script", newest.GetProperty("html").GetString()!, StringComparison.Ordinal);
        Assert.NotNull((await GetAsync(path + "live.json")).Response.Headers.Age);

        var third = await PostAsync(member, id, "Turnout was the highest in decades.");
        var evicted = await GetAsync(path + "live.json");
        Assert.Null(evicted.Response.Headers.Age);
        Assert.Equal(LiveEntryInput.Anchor(third), JsonDocument.Parse(evicted.Html).RootElement.GetProperty("entries")[0].GetProperty("anchor").GetString());
        Assert.Equal(LiveEntryInput.Anchor(third), EntryAnchors((await GetAsync(path)).Html)[0]);
    }

    [Fact]
    public async Task TheEndpointAnswers304WhenNothingChanged()
    {
        var (_, member) = await SignedInAsync(NewsroomRole.Editor);
        var (article, path) = await LiveAsync(member, Unique("Storm watch"));
        await PostAsync(member, article.Article.Id, "Winds are rising.");
        var first = (await GetAsync(path + "live.json")).Response;
        Assert.Equal("public, no-cache", first.Headers.CacheControl!.ToString());
        using var again = new HttpRequestMessage(HttpMethod.Get, path + "live.json");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var revalidated = await Client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
    }

    [Theory]
    [InlineData("Only a headline", "", "BodyMarkdown", "Write the entry: readers see its text under its time.")]
    [InlineData("LONG", "Some text.", "Headline", "A headline is at most 200 characters; this one has 201.")]
    public async Task ARefusedEntryKeepsWhatWasTypedShowsTheErrorByItsFieldAndPostsNothing(string headline, string body, string field, string message)
    {
        var (client, member) = await SignedInAsync(NewsroomRole.Editor);
        var (article, _) = await LiveAsync(member, Unique("Refused entry"));
        var typed = headline == "LONG" ? new string('h', LiveEntryInput.MaxHeadlineLength + 1) : headline;

        using var refused = await PostEntryFormAsync(client, article.Article.Id, typed, body, keyEvent: true);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains($"<span class=\"error\" id=\"{field}-error\">{WebUtility.HtmlEncode(message)}</span>", html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{typed}\"", html, StringComparison.Ordinal);
        Assert.Contains($">{body}</textarea>", html, StringComparison.Ordinal);
        Assert.Contains("name=\"KeyEvent\" value=\"true\" checked", html, StringComparison.Ordinal);
        Assert.Equal(0, await StoredEntriesAsync(article.Article.Id));
    }

    [Fact]
    public async Task AnEntryIsEditedInPlaceAndDeletedFromItsOwnPage()
    {
        var (client, member) = await SignedInAsync(NewsroomRole.Editor);
        var (article, path) = await LiveAsync(member, Unique("Summit"));
        var id = article.Article.Id;
        var entry = await PostAsync(member, id, "The leaders arive.");
        var posted = EntryAnchors((await GetAsync(path)).Html);

        var page = $"/admin/articles/{id}/live/{entry}";
        Assert.Contains("The leaders arive.</textarea>", await client.GetStringAsync(page), StringComparison.Ordinal);
        using (var empty = await Newsroom.PostFormAsync(client, page, new() { ["Headline"] = "Typed", ["BodyMarkdown"] = "" }))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        }
        using (var saved = await Newsroom.PostFormAsync(client, page, new() { ["Headline"] = "Arrivals", ["BodyMarkdown"] = "The leaders arrive." }))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }
        var edited = (await GetAsync(path)).Html;
        Assert.Equal(posted, EntryAnchors(edited));
        Assert.Contains("The leaders arrive.", edited, StringComparison.Ordinal);
        Assert.Contains("<h3 class=\"live-entry__headline\">Arrivals</h3>", edited, StringComparison.Ordinal);

        using (var deleted = await Newsroom.PostFormAsync(client, page, [], action: page + "?handler=delete"))
        {
            Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        }
        Assert.Empty(EntryAnchors((await GetAsync(path)).Html));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(page)).StatusCode);
        Assert.Equal(0, await StoredEntriesAsync(id));
    }

    [Fact]
    public async Task EndingTheCoverageTakesTheLiveMarkerAndPollingAwayKeepsTheEntriesAndRefusesNewOnes()
    {
        var (client, member) = await SignedInAsync(NewsroomRole.Editor);
        var (article, path) = await LiveAsync(member, Unique("Marathon"));
        var id = article.Article.Id;
        await PostAsync(member, id, "The winner crosses the line.");
        Assert.Contains("<p class=\"live-badge\">", (await GetAsync(path)).Html, StringComparison.Ordinal);

        using (var ended = await Newsroom.PostFormAsync(client, $"/admin/articles/{id}/live", [], action: $"/admin/articles/{id}/live?handler=end"))
        {
            Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        }
        var html = (await GetAsync(path)).Html;
        Assert.DoesNotContain("<p class=\"live-badge\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-live-poll", html, StringComparison.Ordinal);
        Assert.DoesNotContain("live.js", html, StringComparison.Ordinal);
        Assert.Contains("This coverage ended", html, StringComparison.Ordinal);
        Assert.Single(EntryAnchors(html));
        Assert.False((await LiveJsonAsync(path)).GetProperty("live").GetBoolean());

        using var refused = await PostEntryFormAsync(client, id, "", "Too late.");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("The coverage has ended: resume it to post again.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await StoredEntriesAsync(id));
    }

    [Fact]
    public async Task OnlyThoseWhoMayEditThePublishedArticleRunItsLiveDesk()
    {
        var owner = await MemberAsync(NewsroomRole.Author);
        var (article, _) = await LiveAsync(owner, Unique("Owned"));
        var (otherAuthor, _) = await SignedInAsync(NewsroomRole.Author);
        var (contributor, contributorMember) = await SignedInAsync(NewsroomRole.Contributor);

        Assert.Equal(HttpStatusCode.Forbidden, (await otherAuthor.GetAsync($"/admin/articles/{article.Article.Id}/live")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await contributor.GetAsync($"/admin/articles/{article.Article.Id}/live")).StatusCode);
        Assert.Equal(LiveOutcome.Forbidden, (await Desk.PostAsync(contributorMember, article.Article.Id, new LiveEntryInput(null, "Mine.", false), CancellationToken.None)).Outcome);
        Assert.Equal(LiveOutcome.Done, (await Desk.PostAsync(owner, article.Article.Id, new LiveEntryInput(null, "The owner's.", false), CancellationToken.None)).Outcome);

        var page = await DraftAsync(await MemberAsync(NewsroomRole.Editor), Input(Unique("About")) with { Kind = ArticleKind.Page });
        Assert.Equal(LiveOutcome.NotFound, (await Desk.StartAsync(await MemberAsync(NewsroomRole.Editor), page.Article.Id, CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task TheStructuredDataIsALiveBlogPostingWithItsCoverageAndEntries()
    {
        var (_, member) = await SignedInAsync(NewsroomRole.Editor);
        var plain = await PublishedAsync(member, Unique("Plain"));
        Assert.Equal("NewsArticle", Posting((await GetAsync(plain.Permalink!)).Html).GetProperty("@type").GetString());

        var (article, path) = await LiveAsync(member, Unique("Budget day"));
        var started = Now;
        var first = await PostAsync(member, article.Article.Id, "The minister stands up to speak. It will be a long speech about many things, all of them expensive, so settle in.");
        await PostAsync(member, article.Article.Id, "Income tax is unchanged.", "Tax");

        var live = Posting((await GetAsync(path)).Html);
        Assert.Equal("LiveBlogPosting", live.GetProperty("@type").GetString());
        Assert.Equal(DateText.Iso(started), live.GetProperty("coverageStartTime").GetString());
        Assert.False(live.TryGetProperty("coverageEndTime", out _));
        var updates = live.GetProperty("liveBlogUpdate").EnumerateArray().ToList();
        Assert.Equal(2, updates.Count);
        Assert.Equal("BlogPosting", updates[0].GetProperty("@type").GetString());
        Assert.Equal("Tax", updates[0].GetProperty("headline").GetString());
        Assert.Equal("Income tax is unchanged.", updates[0].GetProperty("articleBody").GetString());
        Assert.EndsWith($"{path}#{LiveEntryInput.Anchor(first)}", updates[1].GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("…", updates[1].GetProperty("headline").GetString(), StringComparison.Ordinal);

        await Desk.EndAsync(member, article.Article.Id, CancellationToken.None);
        var ended = Posting((await GetAsync(path)).Html);
        Assert.Equal(DateText.Iso(Now), ended.GetProperty("coverageEndTime").GetString());
    }

    [Fact]
    public async Task ALongBlogShowsTheNewestFiftyAndPagesToOlderEntries()
    {
        var (_, member) = await SignedInAsync(NewsroomRole.Editor);
        var (article, path) = await LiveAsync(member, Unique("Long day"));
        var ids = new List<long>();
        for (var i = 0; i <= LiveBlogPages.PageSize; i++)
        {
            ids.Add(await PostAsync(member, article.Article.Id, $"Entry number {i}."));
        }

        var newest = (await GetAsync(path)).Html;
        Assert.Equal(LiveBlogPages.PageSize, EntryAnchors(newest).Count);
        Assert.Equal(LiveEntryInput.Anchor(ids[^1]), EntryAnchors(newest)[0]);
        var older = $"{path}?entries_before={ids[1]}";
        Assert.Contains($"<a href=\"{path}?entries_before={ids[1]}#live\" rel=\"next\">Older updates</a>", newest, StringComparison.Ordinal);

        var (status, page, _) = await GetAsync(older);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([LiveEntryInput.Anchor(ids[0])], EntryAnchors(page));
        Assert.Contains($"<a href=\"{path}#live\">Newest updates</a>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-live-poll", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync($"{path}?entries_before=999999999")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync($"{path}?entries_before=x")).Status);
    }

    [Fact]
    public async Task FeedsCarryTheLatestEntryFirstAndItsTimeAtTheNextRequest()
    {
        var (_, member) = await SignedInAsync(NewsroomRole.Editor);
        var title = Unique("Feed live");
        var (article, path) = await LiveAsync(member, title);
        Assert.Contains(title, (await GetAsync("/feed/atom/")).Html, StringComparison.Ordinal);
        await PostAsync(member, article.Article.Id, "Older news.");
        var entry = await PostAsync(member, article.Article.Id, "Breaking <b>news</b> & more.", "Breaking");
        var at = Now - TimeSpan.FromMinutes(1);

        var atom = FeedShapes.AtomFeed((await GetAsync("/feed/atom/")).Html).Items.Single(item => item.Title.Text == title);
        Assert.Equal(at, atom.LastUpdatedTime);
        var content = ((System.ServiceModel.Syndication.TextSyndicationContent)atom.Content).Text;
        Assert.StartsWith($"<p><strong><a href=\"http://localhost{path}#{LiveEntryInput.Anchor(entry)}\">Latest, ", content, StringComparison.Ordinal);
        Assert.Contains(":</strong> Breaking</p>", content, StringComparison.Ordinal);
        Assert.Contains("Breaking <b>news</b> &amp; more.", content, StringComparison.Ordinal);
        Assert.DoesNotContain("Older news.", content, StringComparison.Ordinal);

        var json = FeedShapes.Json((await GetAsync("/section/politics/feed.json")).Html).GetProperty("items").EnumerateArray().Single(item => item.GetProperty("title").GetString() == title);
        Assert.Equal(DateText.Iso(at), json.GetProperty("date_modified").GetString());

        await Desk.DeleteAsync(member, article.Article.Id, entry, CancellationToken.None);
        Assert.DoesNotContain("Breaking", (await GetAsync("/feed/")).Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheWordPressApisModifiedFollowsTheLatestEntry()
    {
        var (_, member) = await SignedInAsync(NewsroomRole.Editor);
        var (article, _) = await LiveAsync(member, Unique("Api live"));
        var url = $"/wp-json/wp/v2/posts/{article.Article.Id}";
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(url)).Status);
        await PostAsync(member, article.Article.Id, "A new development.");
        var at = Now - TimeSpan.FromMinutes(1);

        var post = JsonDocument.Parse((await GetAsync(url)).Html).RootElement;

        Assert.Equal(at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), post.GetProperty("modified_gmt").GetString());
    }
}

public sealed class LiveBlogTestsOnSqlite(SqliteProvider provider) : LiveBlogTests<SqliteProvider>(provider);

public sealed class LiveBlogTestsOnPostgres(PostgresProvider provider) : LiveBlogTests<PostgresProvider>(provider);
