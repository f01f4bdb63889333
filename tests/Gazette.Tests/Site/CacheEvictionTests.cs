using System.Globalization;
using System.Net;
using Dapper;
using Gazette.Articles;
using Gazette.Articles.Contracts;
using Gazette.Caching;
using Gazette.Comments;
using Gazette.Comments.Admin;
using Gazette.Comments.Contracts;
using Gazette.Events;
using Gazette.Tests.Infrastructure;
using Gazette.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Site;

/// <summary>
/// Issue 14, item 6: a change evicts exactly the cached pages that show it. Each test warms every
/// page showing the story (answered from the cache: an Age header) and pages that do not show it,
/// makes the change as the newsroom does, then asks again: each page showing it is rendered afresh
/// with the change, each other page is still a cache hit. Listings' comment counts may lag a minute;
/// they catch up once it has passed.
/// </summary>
public abstract class CacheEvictionTests<TProvider>(TProvider provider) : SiteTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    private const string Sample = SampleArticleTests<TProvider>.Url;

    /// <summary>The archives of the fake clock's month, where every story of these tests is published.</summary>
    private static readonly string[] Archives = ["/2026/", "/2026/11/"];

    /// <summary>The site's own feeds and the cached sitemaps: every publication changes them.</summary>
    private static readonly string[] SiteWide = ["/feed/", "/feed/atom/", "/feed.json", "/news-sitemap.xml", "/sitemap.xml"];

    private HttpClient _desk = null!;

    private long _editorId;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var login = "desk" + Guid.NewGuid().ToString("N")[..8];
        _editorId = (await Newsroom.AddUserAsync(Factory, login, NewsroomRole.Editor)).Id;
        _desk = await Newsroom.SignInAsync(Factory, login);
    }

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Gazette:Discussion:FloodSeconds"] = "0";
        settings["Gazette:Discussion:MinFillSeconds"] = "0";
        settings["Gazette:Discussion:ThreadsPerPage"] = "2";
        // The node pump evicts each event's pages again from the log; held still, what is proven is the eviction at commit.
        settings[NodeEventPump.IntervalKey] = int.MaxValue.ToString(CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task PublishingAStoryEvictsEveryPageListingItAndNoOther()
    {
        var parent = await BeatAsync();
        var beat = await BeatAsync(parent);
        var other = await StoryAsync(await OtherBeatAsync());
        var word = Word();
        var search = $"/search?q={word}";
        await SettleAsync();
        string[] listing = [.. Listing(beat), parent.Section, parent.Section + "feed/", .. Archives, .. SiteWide, "/"];
        await WarmAsync([.. listing, search, .. Unrelated(other)]);

        var story = await StoryAsync(beat, word);

        Assert.Contains(story.Title, await FreshAsync(story.Path), StringComparison.Ordinal);
        foreach (var page in listing.Except(["/sitemap.xml"]))
        {
            Assert.Contains(page == "/news-sitemap.xml" ? story.Path : story.Title, await FreshAsync(page), StringComparison.Ordinal);
        }
        await FreshAsync("/sitemap.xml");
        await AssertCachedAsync(Unrelated(other));
        await SettleAsync();
        Assert.Contains(story.Title, await FreshAsync(search), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditingAStoryEvictsThePagesOfItsOldAndNewSectionTagAndAuthorAndNoOther()
    {
        var before = await BeatAsync();
        var after = await BeatAsync();
        var other = await StoryAsync(await OtherBeatAsync());
        var story = await StoryAsync(before);
        await ApprovedCommentAsync(story, $"Reader view {Word()}");
        await SettleAsync();
        string[] showing = [story.Path, story.Path + "feed/", "/comments/feed/", .. Listing(before), .. Listing(after), .. Archives, .. SiteWide, "/"];
        await WarmAsync([.. showing, .. Unrelated(other)]);
        var title = $"Ferry fares rise {Word()}";
        var body = $"The council agreed new fares {Word()}.";

        using (var saved = await EditAsync(story, title, body, after))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var page = await FreshAsync(story.Path);
        Assert.Contains(title, page, StringComparison.Ordinal);
        Assert.Contains(body, page, StringComparison.Ordinal);
        Assert.Contains(title, await FreshAsync(story.Path + "feed/"), StringComparison.Ordinal);
        await FreshAsync("/comments/feed/");
        foreach (var old in Listing(before))
        {
            var html = await FreshAsync(old);
            Assert.DoesNotContain(title, html, StringComparison.Ordinal);
            Assert.DoesNotContain(story.Title, html, StringComparison.Ordinal);
        }
        foreach (var listing in Listing(after).Concat(Archives).Concat(SiteWide.Take(3)).Append("/"))
        {
            Assert.Contains(title, await FreshAsync(listing), StringComparison.Ordinal);
        }
        await FreshAsync("/news-sitemap.xml");
        await FreshAsync("/sitemap.xml");
        await AssertCachedAsync(Unrelated(other));
    }

    [Theory]
    [InlineData("unpublish")]
    [InlineData("trash")]
    public async Task TakingAStoryDownEvictsEveryPageThatShowedItAndNoOther(string handler)
    {
        var beat = await BeatAsync();
        var other = await StoryAsync(await OtherBeatAsync());
        var story = await StoryAsync(beat);
        await ApprovedCommentAsync(story, $"Reader view {Word()}");
        await SettleAsync();
        string[] listing = [.. Listing(beat), .. Archives, .. SiteWide, "/", "/comments/feed/"];
        await WarmAsync([story.Path, story.Path + "feed/", .. listing, .. Unrelated(other)]);

        using (var taken = await ActAsync(story, handler))
        {
            Assert.Equal(HttpStatusCode.Redirect, taken.StatusCode);
        }

        await FreshAsync(story.Path, HttpStatusCode.NotFound);
        await FreshAsync(story.Path + "feed/", HttpStatusCode.NotFound);
        foreach (var page in listing)
        {
            var html = await FreshAsync(page);
            Assert.DoesNotContain(story.Title, html, StringComparison.Ordinal);
            Assert.DoesNotContain(story.Path, html, StringComparison.Ordinal);
        }
        await AssertCachedAsync(Unrelated(other));
    }

    [Fact]
    public async Task SchedulingEvictsNothingAndThePublicationAtItsTimeEvictsWhatPublishingDoes()
    {
        var beat = await BeatAsync();
        var other = await StoryAsync(await OtherBeatAsync());
        await SettleAsync();
        string[] listing = [.. Listing(beat), .. Archives, .. SiteWide, "/"];
        var word = Word();
        var search = $"/search?q={word}";
        await WarmAsync([.. listing, search, .. Unrelated(other)]);
        var title = $"Night ferry returns {word}";

        using (var drafted = await Newsroom.PostFormAsync(_desk, "/admin/articles/new", Form(title, "The timetable is back.", beat), action: "/admin/articles/new?handler=save"))
        {
            Assert.Equal(HttpStatusCode.Redirect, drafted.StatusCode);
            var id = IdIn(drafted);
            // The newsroom's form takes whole minutes; the editor's own call takes the second, so the clock moves less than a listing lives.
            var at = Factory.Clock.GetUtcNow().AddSeconds(5);
            var scheduled = await Factory.Services.GetRequiredService<ArticleEditor>()
                .ScheduleAsync(new NewsroomUser(_editorId, "Desk", NewsroomRole.Editor), id, (await StoredAsync(id)).Version, at);
            Assert.Equal(EditOutcome.Done, scheduled.Outcome);

            await SettleAsync();
            await AssertCachedAsync([.. listing, search, .. Unrelated(other)]);

            Factory.Clock.Advance(TimeSpan.FromSeconds(5));
            await Factory.Services.GetRequiredService<ScheduledPublishing>().PublishDueAsync(CancellationToken.None);
            var path = TestLinks.Of(await StoredAsync(id));
            Assert.Contains(title, await FreshAsync(path), StringComparison.Ordinal);
            foreach (var page in listing.Except(["/sitemap.xml"]))
            {
                var shown = page == "/news-sitemap.xml" ? path : title;
                Assert.True((await FreshAsync(page)).Contains(shown, StringComparison.Ordinal), $"{page} does not show {shown} once it is published");
            }
            await FreshAsync("/sitemap.xml");
            await AssertCachedAsync(Unrelated(other));
            await SettleAsync();
            Assert.Contains(title, await FreshAsync(search), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ApprovingACommentEvictsItsArticleCommentPagesAndFeedsWhileListingsCatchUpWithinAMinute()
    {
        var beat = await BeatAsync();
        var other = await StoryAsync(await OtherBeatAsync());
        var story = await StoryAsync(beat);
        for (var i = 1; i <= 3; i++)
        {
            await ApprovedCommentAsync(story, $"Thread {i} {Word()}");
        }
        var text = $"Fourth thread {Word()}";
        var pending = await CommentAsync(story, text);
        await SettleAsync();
        string[] discussion = [story.Path, story.Path + "comment-page-2/", story.Path + "feed/", "/comments/feed/"];
        string[] listing = [.. Listing(beat), .. Archives, "/"];
        string[] unchanged = [.. SiteWide, .. Unrelated(other)];
        await WarmAsync([.. discussion, .. listing, .. unchanged]);
        Assert.Contains("3 comments", (await GetAsync(beat.Section)).Html, StringComparison.Ordinal);

        await ModerateAsync(pending, ModerationActions.Approve);

        Assert.Contains($"4 responses to “{story.Title}”", await FreshAsync(story.Path), StringComparison.Ordinal);
        foreach (var page in discussion.Skip(1))
        {
            Assert.Contains(text, await FreshAsync(page), StringComparison.Ordinal);
        }
        await AssertCachedAsync([.. listing, .. unchanged]);

        Factory.Clock.Advance(PublicPagePolicy.ListingLifetime + TimeSpan.FromSeconds(1));

        foreach (var page in new[] { "/", beat.Section, beat.Tag, beat.Author })
        {
            Assert.Contains("4 comments", await FreshAsync(page), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(ModerationActions.Unapprove)]
    [InlineData(ModerationActions.MarkSpam)]
    [InlineData(ModerationActions.MoveToTrash)]
    public async Task TakingACommentDownEvictsItsArticleCommentPagesAndFeedsAndNoOther(string action)
    {
        var (story, other, comment, text, showing, unchanged) = await DiscussedAsync();

        await ModerateAsync(comment, action);

        await AssertGoneAsync(story, text, showing);
        await AssertCachedAsync(unchanged);
    }

    [Fact]
    public async Task AnEditorsEditOfACommentEvictsWhereItShowsAndNoOther()
    {
        var (story, _, comment, text, showing, unchanged) = await DiscussedAsync();
        var edited = $"Edited by the desk {Word()}";

        using (var saved = await ModerationPostAsync($"/admin/comments/{comment}", new() { ["text"] = edited }, $"/admin/comments/{comment}?handler=edit"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        await FreshAsync(story.Path);
        foreach (var page in showing)
        {
            var html = await FreshAsync(page);
            Assert.Contains(edited, html, StringComparison.Ordinal);
            Assert.DoesNotContain(text, html, StringComparison.Ordinal);
        }
        await AssertCachedAsync(unchanged);
    }

    [Fact]
    public async Task ErasingAnApprovedCommentEvictsWhereItShowedAndDeletingOneFromTheTrashEvictsNothing()
    {
        var (story, _, _, text, showing, unchanged) = await DiscussedAsync();
        var trashed = await CommentAsync(story, $"Never shown {Word()}");
        await ModerateAsync(trashed, ModerationActions.MoveToTrash);
        await WarmAsync([story.Path, .. showing]);

        using (var deleted = await ModerationPostAsync("/admin/comments?tab=trash", new() { ["handler"] = "delete", ["ids"] = Id(trashed) }))
        {
            Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        }
        await AssertCachedAsync([story.Path, .. showing, .. unchanged]);

        using var admin = await Newsroom.MemberAsync(Factory, "eraser" + Guid.NewGuid().ToString("N")[..8], NewsroomRole.Administrator);
        using (var erased = await Newsroom.PostFormAsync(admin, "/admin/privacy", new() { ["handler"] = "erase", ["email"] = Email(text) }))
        {
            Assert.Equal(HttpStatusCode.Redirect, erased.StatusCode);
        }

        await AssertGoneAsync(story, text, showing);
        await AssertCachedAsync(unchanged);
    }

    /// <summary>
    /// A story with three approved threads (two comment pages), the last of them returned, warmed with
    /// the pages showing it (its second comment page and the comment feeds) and those that do not.
    /// </summary>
    private async Task<(Published Story, Published Other, long Comment, string Text, string[] Showing, string[] Unchanged)> DiscussedAsync()
    {
        var beat = await BeatAsync();
        var other = await StoryAsync(await OtherBeatAsync());
        var story = await StoryAsync(beat);
        await ApprovedCommentAsync(story, $"First thread {Word()}");
        await ApprovedCommentAsync(story, $"Second thread {Word()}");
        var text = $"Third thread {Word()}";
        var comment = await ApprovedCommentAsync(story, text, Email(text));
        await SettleAsync();
        string[] showing = [story.Path + "comment-page-2/", story.Path + "feed/", "/comments/feed/"];
        string[] unchanged = [.. Listing(beat), .. Archives, .. SiteWide, "/", .. Unrelated(other)];
        await WarmAsync([story.Path, .. showing, .. unchanged]);
        Assert.Contains(text, (await GetAsync(story.Path + "comment-page-2/")).Html, StringComparison.Ordinal);
        return (story, other, comment, text, showing, unchanged);
    }

    /// <summary>The third thread is gone from the article, its feeds, and with it the second comment page.</summary>
    private async Task AssertGoneAsync(Published story, string text, string[] showing)
    {
        Assert.Contains($"2 responses to “{story.Title}”", await FreshAsync(story.Path), StringComparison.Ordinal);
        await FreshAsync(showing[0], HttpStatusCode.NotFound);
        foreach (var page in showing.Skip(1))
        {
            Assert.DoesNotContain(text, await FreshAsync(page), StringComparison.Ordinal);
        }
    }

    /// <summary>A section, a tag and a member with a story published in them, so their pages and feeds exist before the test's own story.</summary>
    private Task<Beat> BeatAsync(Beat? parent = null) => BeatAsync("Harbour", "Ferries", "Harbour story", parent);

    /// <summary>A beat sharing no word with the harbour's, so no story of one is related coverage on the other's pages.</summary>
    private Task<Beat> OtherBeatAsync() => BeatAsync("Orchards", "Apples", "Orchard yields");

    private async Task<Beat> BeatAsync(string section, string tag, string topic, Beat? parent = null)
    {
        var word = Word();
        var member = await Newsroom.AddUserAsync(Factory, "writer" + word, NewsroomRole.Author);
        var author = (await Factory.Services.GetRequiredService<IAuthorDirectory>().FindAsync([member.Id], CancellationToken.None))[member.Id].Path;
        var beat = new Beat($"{section} {word}", $"{tag} {word}", member.Id, author, topic);
        await StoryAsync(beat);
        if (parent is not null)
        {
            var taxonomy = Factory.Services.GetRequiredService<TaxonomyStore>();
            var child = (await taxonomy.FindSectionAsync(Slug(beat.SectionName)))!.Id;
            var under = (await taxonomy.FindSectionAsync(Slug(parent.SectionName)))!.Id;
            using var placed = await Newsroom.PostFormAsync(_desk, "/admin/sections", new() { ["id"] = Id(child), ["parent"] = Id(under) });
            Assert.Equal(HttpStatusCode.Redirect, placed.StatusCode);
        }
        return beat;
    }

    /// <summary>Publishes a story from the newsroom's form, filed in <paramref name="beat"/> and bylined to its member.</summary>
    private async Task<Published> StoryAsync(Beat beat, string? word = null)
    {
        var title = $"{beat.Topic} {word ?? Word()}";
        using var published = await Newsroom.PostFormAsync(_desk, "/admin/articles/new", Form(title, $"{beat.Topic}: the report.", beat), action: "/admin/articles/new?handler=publish");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var id = IdIn(published);
        return new Published(id, title, TestLinks.Of(await StoredAsync(id)), beat);
    }

    private async Task<HttpResponseMessage> EditAsync(Published story, string title, string body, Beat beat)
    {
        var stored = await StoredAsync(story.Id);
        var fields = Form(title, body, beat);
        fields["Slug"] = stored.Slug;
        fields["BaseVersion"] = Id(stored.Version);
        return await Newsroom.PostFormAsync(_desk, $"/admin/articles/{story.Id}", fields, action: $"/admin/articles/{story.Id}?handler=save");
    }

    private async Task<HttpResponseMessage> ActAsync(Published story, string handler) =>
        await Newsroom.PostFormAsync(_desk, $"/admin/articles/{story.Id}", new() { ["BaseVersion"] = Id((await StoredAsync(story.Id)).Version) },
            action: $"/admin/articles/{story.Id}?handler={handler}");

    private static Dictionary<string, string> Form(string title, string body, Beat beat) => new()
    {
        ["Title"] = title,
        ["BodyMarkdown"] = body,
        ["Sections"] = beat.SectionName,
        ["Tags"] = beat.TagName,
        ["CommentStatus"] = "open",
        ["BylinesShown"] = "true",
        ["Bylines[0].Member"] = Id(beat.Member),
        ["Bylines[0].Position"] = "1",
    };

    private async Task<Article> StoredAsync(long id) => (await Factory.Services.GetRequiredService<ArticleStore>().FindAsync(id))!;

    /// <summary>A reader's comment through the article's form; held for moderation, as a first comment is.</summary>
    private async Task<long> CommentAsync(Published story, string text, string? email = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/comments/")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["comment_post_ID"] = Id(story.Id),
                ["comment_parent"] = "0",
                ["author"] = "Jane Reader",
                ["email"] = email ?? Email(Word()),
                ["url"] = "",
                ["comment"] = text,
            }),
        };
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        using var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        return long.Parse(location[(location.LastIndexOf("#comment-", StringComparison.Ordinal) + "#comment-".Length)..], CultureInfo.InvariantCulture);
    }

    private async Task<long> ApprovedCommentAsync(Published story, string text, string? email = null)
    {
        var id = await CommentAsync(story, text, email);
        await Factory.Services.GetRequiredService<CommentModerator>().SetStatusAsync(id, CommentStatus.Approved, AuditActor.CommandLine);
        return id;
    }

    /// <summary>Presses a moderation button on the queue, as an editor does.</summary>
    private async Task ModerateAsync(long comment, string action)
    {
        using var response = await ModerationPostAsync("/admin/comments", new() { ["handler"] = action, ["ids"] = Id(comment) });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private Task<HttpResponseMessage> ModerationPostAsync(string page, Dictionary<string, string> fields, string? action = null) =>
        Newsroom.PostFormAsync(_desk, page, fields, action: action);

    /// <summary>
    /// Lets the cluster's subscribers (the search index, related coverage) catch up with the whole log, as the
    /// leader does each second; on PostgreSQL a run sees only what every older transaction has finished with.
    /// </summary>
    private async Task SettleAsync()
    {
        var pump = Factory.Services.GetRequiredService<ClusterEventPump>();
        await Wait.UntilAsync(async () =>
        {
            await pump.RunAsync(CancellationToken.None);
            await using var connection = await Provider.Database.OpenAsync();
            return await connection.ExecuteScalarAsync<long>(
                "select count(*) from events e join event_cursors c on e.tx > c.tx or (e.tx = c.tx and e.id > c.event_id)") == 0;
        });
    }

    /// <summary>Asks for each page until the cache answers it.</summary>
    private async Task WarmAsync(IEnumerable<string> paths)
    {
        foreach (var path in paths.Distinct())
        {
            await Wait.UntilAsync(async () =>
            {
                using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode} while warming");
                return response.Headers.Age is not null;
            });
        }
    }

    /// <summary>The next request for <paramref name="path"/>, which must be rendered afresh.</summary>
    private async Task<string> FreshAsync(string path, HttpStatusCode status = HttpStatusCode.OK)
    {
        var (answered, html, response) = await GetAsync(path);
        Assert.True(answered == status, $"{path} answered {(int)answered}");
        Assert.True(response.Headers.Age is null, $"{path} came from the cache after the change");
        return html;
    }

    private async Task AssertCachedAsync(IEnumerable<string> paths)
    {
        foreach (var path in paths.Distinct())
        {
            using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.Headers.Age is not null, $"{path} was evicted, though it does not show what changed");
        }
    }

    /// <summary>The pages of a beat that list its stories: its section's, tag's and member's pages and feeds.</summary>
    private static string[] Listing(Beat beat) =>
        [beat.Section, beat.Tag, beat.Author, beat.Section + "feed/", beat.Tag + "feed/", beat.Author + "feed/"];

    /// <summary>Pages that do not show the story: another story's, its beat's, and the sample article's year.</summary>
    private static string[] Unrelated(Published other) =>
        [other.Path, other.Path + "feed/", .. Listing(other.Beat), Sample, "/2024/", "/2024/04/"];

    private static string Email(string text) => $"reader-{text.Replace(' ', '-').ToLowerInvariant()}@example.org";

    private static string Word() => Guid.NewGuid().ToString("N")[..10];

    private static string Slug(string name) => name.ToLowerInvariant().Replace(' ', '-');

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static long IdIn(HttpResponseMessage created) =>
        long.Parse(created.Headers.Location!.OriginalString.Split('/')[^1], CultureInfo.InvariantCulture);

    /// <summary>A section, a tag and a member, and the words of the headlines filed there (<paramref name="Topic"/>).</summary>
    private sealed record Beat(string SectionName, string TagName, long Member, string Author, string Topic)
    {
        public string Section => $"/section/{Slug(SectionName)}/";

        public string Tag => $"/tag/{Slug(TagName)}/";
    }

    /// <summary>A story the desk published: where it is read, and the beat it is filed in.</summary>
    private sealed record Published(long Id, string Title, string Path, Beat Beat);
}

public sealed class CacheEvictionTestsOnSqlite(SqliteProvider provider) : CacheEvictionTests<SqliteProvider>(provider);

public sealed class CacheEvictionTestsOnPostgres(PostgresProvider provider) : CacheEvictionTests<PostgresProvider>(provider);
