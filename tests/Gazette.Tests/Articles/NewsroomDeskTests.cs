using Dapper;
using Gazette.Articles;
using Gazette.Events;
using Gazette.Storage;
using Gazette.Tests.Infrastructure;
using Gazette.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Articles;

/// <summary>Scheduling, locks, autosaves, preview links and the newsroom's lists, on both databases.</summary>
public abstract class NewsroomDeskTests<TProvider>(TProvider provider) : NewsroomTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    [Fact]
    public async Task AHundredArticlesDueInOneSecondArePublishedExactlyOnceByTwoRacingRuns()
    {
        var editor = await MemberAsync(NewsroomRole.Editor);
        var due = Now.AddMinutes(30);
        var ids = new List<long>();
        for (var i = 0; i < 100; i++)
        {
            var draft = await DraftAsync(editor, Input(Unique("Embargoed")));
            var scheduled = await Editor.ScheduleAsync(editor, draft.Article.Id, 1, due.AddMilliseconds(i * 7));
            Assert.Equal(ArticleStatus.Scheduled, scheduled.Article!.Article.Status);
            ids.Add(draft.Article.Id);
        }
        var start = await LastEventIdAsync();

        // Two leaders at once: the one that was killed mid-run and the one that replaced it (the host's own runner may join them).
        Factory.Clock.Advance(TimeSpan.FromMinutes(31));
        var services = Factory.Services;
        var runs = Enumerable.Range(0, 2).Select(_ => new ScheduledPublishing(
            services.GetRequiredService<Database>(), services.GetRequiredService<UnitsOfWork>(), Factory.Clock)).ToList();
        await Task.WhenAll(runs.Select(run => Task.Run(() => run.RunAsync(CancellationToken.None))));

        var published = (await EventArticleIdsAsync("article.published", start)).Where(ids.Contains).ToList();
        Assert.Equal(100, published.Count);
        Assert.Equal(ids.Order(), published.Order());
        await using var connection = await Provider.Database.OpenAsync();
        foreach (var id in ids)
        {
            var article = (await ArticleStore.FindAsync(connection, null, id, CancellationToken.None))!;
            Assert.Equal(ArticleStatus.Published, article.Status);
            Assert.Equal(3, article.Version);
        }
        // Nothing due is left for a later run.
        Assert.Equal(0, await runs[0].PublishDueAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AnArticleThatFellDueWhileTheSiteWasDownGoesOutAtTheFirstRun()
    {
        var editor = await MemberAsync(NewsroomRole.Editor);
        var draft = await DraftAsync(editor, Input(Unique("Overnight")));
        await Editor.ScheduleAsync(editor, draft.Article.Id, 1, Now.AddHours(1));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await GetAsync(TestLinks.Article(Now.AddHours(1), draft.Article.Slug))).Status);

        Factory.Clock.Advance(TimeSpan.FromHours(9));
        await Factory.Services.GetRequiredService<ScheduledPublishing>().RunAsync(CancellationToken.None);

        var article = await Editor.OpenAsync(editor, draft.Article.Id);
        Assert.Equal(ArticleStatus.Published, article.Article!.Article.Status);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await GetAsync(article.Article.Permalink!)).Status);
    }

    [Fact]
    public async Task ALockSaysWhoEditsSinceWhenLapsesAfter150SecondsAndCanBeTakenOver()
    {
        var locks = Factory.Services.GetRequiredService<ArticleLocks>();
        var alice = await MemberAsync(NewsroomRole.Editor, "Alice");
        var bob = await MemberAsync(NewsroomRole.Editor, "Bob");
        var draft = await DraftAsync(alice, Input(Unique("Locked")));
        var id = draft.Article.Id;
        var since = Now;

        Assert.Equal(LockOutcome.Held, (await locks.TakeAsync(alice, id)).Outcome);
        Factory.Clock.Advance(TimeSpan.FromSeconds(60));
        var renewed = await locks.RenewAsync(alice, id);
        Assert.Equal(since, renewed.Lock!.LockedSince);
        var refused = await locks.TakeAsync(bob, id);
        Assert.Equal(LockOutcome.HeldByOther, refused.Outcome);
        Assert.Equal(("Alice", alice.Id, since), (refused.Lock!.UserName, refused.Lock.UserId, refused.Lock.LockedSince));

        Factory.Clock.Advance(TimeSpan.FromSeconds(149));
        Assert.Equal(alice.Id, (await locks.HolderAsync(id))!.UserId);
        Factory.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Null(await locks.HolderAsync(id));
        var taken = await locks.TakeAsync(bob, id);
        Assert.Equal(LockOutcome.Held, taken.Outcome);
        Assert.Equal(Now, taken.Lock!.LockedSince);

        var takenOver = await locks.TakeOverAsync(alice, id);
        Assert.Equal(LockOutcome.Held, takenOver.Outcome);
        Assert.Equal("Alice", (await locks.HolderAsync(id))!.UserName);
        await locks.ReleaseAsync(bob, id);
        Assert.NotNull(await locks.HolderAsync(id));
        await locks.ReleaseAsync(alice, id);
        Assert.Null(await locks.HolderAsync(id));

        var contributor = await MemberAsync(NewsroomRole.Contributor);
        Assert.Equal(LockOutcome.Forbidden, (await locks.TakeAsync(contributor, id)).Outcome);
    }

    [Fact]
    public async Task AnAutosaveIsKeptPerUserNeverTouchesTheArticleAndIsOfferedOnlyWhenNewer()
    {
        var autosaves = Factory.Services.GetRequiredService<ArticleAutosaves>();
        var alice = await MemberAsync(NewsroomRole.Editor);
        var bob = await MemberAsync(NewsroomRole.Editor);
        var draft = await DraftAsync(alice, Input(Unique("Autosaved")));
        var id = draft.Article.Id;

        Factory.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True(await autosaves.SaveAsync(alice, id, 1, Input("Alice typing")));
        Factory.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True(await autosaves.SaveAsync(alice, id, 1, Input("Alice typing more")));
        Assert.True(await autosaves.SaveAsync(bob, id, 1, Input("Bob typing")));

        var offered = await autosaves.OfferAsync(alice, id);
        Assert.Equal("Alice typing more", offered!.Input.Title);
        Assert.Equal(1, offered.BaseVersion);
        Assert.Equal("Bob typing", (await autosaves.OfferAsync(bob, id))!.Input.Title);
        Assert.Equal(draft.Article.Title, (await Editor.OpenAsync(alice, id)).Article!.Article.Title);

        Factory.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True((await Editor.SaveAsync(alice, id, 1, Input("Alice saved"))).Succeeded);
        Assert.Null(await autosaves.GetAsync(alice, id));
        Assert.NotNull(await autosaves.GetAsync(bob, id));
        Assert.Null(await autosaves.OfferAsync(bob, id));

        Assert.True(await autosaves.SaveAsync(alice, null, null, Input("Not saved yet")));
        Assert.True(await autosaves.SaveAsync(alice, null, null, Input("Not saved yet, longer")));
        Assert.Equal("Not saved yet, longer", (await autosaves.OfferAsync(alice, null))!.Input.Title);
        await autosaves.DiscardAsync(alice, null);
        Assert.Null(await autosaves.GetAsync(alice, null));

        var contributor = await MemberAsync(NewsroomRole.Contributor);
        Assert.False(await autosaves.SaveAsync(contributor, id, 2, Input("Not mine")));
    }

    [Fact]
    public async Task APreviewLinkShowsTheDraftUntilItExpiresOrIsRevokedAndOnlyItsHashIsStored()
    {
        var previews = Factory.Services.GetRequiredService<PreviewLinks>();
        var author = await MemberAsync(NewsroomRole.Author);
        var draft = await DraftAsync(author, Input(Unique("For the lawyer")));

        var link = await previews.CreateAsync(author, draft.Article.Id, TimeSpan.FromHours(2));
        Assert.NotNull(link);
        Assert.Equal(PreviewLinks.PathOf(link.Token), link.Path);
        Assert.Equal(draft.Article.Id, (await previews.ResolveAsync(link.Token))!.Id);
        Assert.Null(await previews.ResolveAsync(link.Token[..^1] + (link.Token[^1] == 'A' ? 'B' : 'A')));
        await using (var connection = await Provider.Database.OpenAsync())
        {
            Assert.Equal(0, await connection.ExecuteScalarAsync<int>("select count(*) from preview_links where token_hash = @token", new { token = link.Token }));
        }

        Factory.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Null(await previews.ResolveAsync(link.Token));

        var second = await previews.CreateAsync(author, draft.Article.Id, TimeSpan.FromDays(365));
        Assert.Equal(Now + PreviewLinks.LongestLifetime, second!.ExpiresAt);
        Assert.Equal([second.Id, link.Id], (await previews.ListAsync(author, draft.Article.Id)).Select(row => row.Id));
        var stranger = await MemberAsync(NewsroomRole.Author);
        Assert.False(await previews.RevokeAsync(stranger, second.Id));
        Assert.Null(await previews.CreateAsync(stranger, draft.Article.Id, TimeSpan.FromHours(1)));
        Assert.True(await previews.RevokeAsync(author, second.Id));
        Assert.Null(await previews.ResolveAsync(second.Token));

        var third = await previews.CreateAsync(author, draft.Article.Id, TimeSpan.FromHours(1));
        Assert.NotNull(await previews.ResolveAsync(third!.Token));
        await Editor.TrashAsync(author, draft.Article.Id, 1);
        Assert.Null(await previews.ResolveAsync(third.Token));
    }

    [Fact]
    public async Task APreviewPageShowsTheDraftThroughTheThemeMarkedNotIndexedNeverStored()
    {
        var author = await MemberAsync(NewsroomRole.Author);
        var title = Unique("Draft for the source");
        var draft = await DraftAsync(author, Input(title, "Only the source sees this."));
        var link = (await Factory.Services.GetRequiredService<PreviewLinks>().CreateAsync(author, draft.Article.Id, TimeSpan.FromMinutes(10)))!;

        var (status, html, response) = await GetAsync(link.Path);

        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(title), html);
        Assert.Contains("Only the source sees this.", html);
        Assert.Contains("class=\"preview-notice\"", html);
        Assert.Contains("noindex", html);
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await GetAsync(TestLinks.Article(Now, draft.Article.Slug))).Status);

        Factory.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await GetAsync(link.Path)).Status);
    }

    [Fact]
    public async Task TheEditorsServerSidePreviewRendersTheUnsavedFormThroughTheTheme()
    {
        var result = await Factory.Services.GetRequiredService<PreviewPages>().RenderAsync(
            Input("Unsaved <headline>", "Body with **bold** words.", sections: ["Brand new desk"], tags: ["Fresh tag"]), "Alice Reporter");
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = Factory.Services };
        using var body = new MemoryStream();
        context.Response.Body = body;

        await result.ExecuteAsync(context);

        var html = System.Text.Encoding.UTF8.GetString(body.ToArray());
        Assert.Equal(200, context.Response.StatusCode);
        Assert.Contains("no-store", context.Response.Headers.CacheControl.ToString());
        Assert.Contains("Unsaved &lt;headline&gt;", html);
        Assert.Contains("<strong>bold</strong>", html);
        Assert.Contains("Alice Reporter", html);
        Assert.Contains("/section/brand-new-desk/", html);
        Assert.Contains("class=\"preview-notice\"", html);
        Assert.Contains("noindex", html);
    }

    [Fact]
    public async Task TheListFiltersByStatusSectionAuthorAndTitleAndCountsEachStatus()
    {
        var listing = Factory.Services.GetRequiredService<ArticleListing>();
        // A day after the other tests' clocks, so what this test publishes is the latest.
        Factory.Clock.Advance(TimeSpan.FromDays(1));
        var author = await MemberAsync(NewsroomRole.Author);
        var editor = await MemberAsync(NewsroomRole.Editor);
        var word = Guid.NewGuid().ToString("N")[..8];
        var section = Unique("List desk");
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            Factory.Clock.Advance(TimeSpan.FromSeconds(1));
            ids.Add((await DraftAsync(author, Input($"Story {word} 100% number {i}", sections: i < 2 ? [section] : []))).Article.Id);
        }
        await Editor.PublishAsync(author, ids[0], 1);
        await Editor.SubmitAsync(author, ids[1], 1);
        await Editor.ScheduleAsync(author, ids[2], 1, Now.AddDays(1));
        await Editor.TrashAsync(author, ids[3], 1);
        await DraftAsync(editor, Input($"Story {word} by the editor"));

        var counts = await listing.CountsAsync(new ArticleQuery(Text: word));
        Assert.Equal((1, 1, 1, 1, 2), (counts[ArticleStatus.Published], counts[ArticleStatus.Pending], counts[ArticleStatus.Scheduled], counts[ArticleStatus.Trash], counts[ArticleStatus.Draft]));

        var all = await listing.ListAsync(new ArticleQuery(Text: word.ToUpperInvariant(), AuthorId: author.Id));
        Assert.Equal([ids[4], ids[2], ids[1], ids[0]], all.Rows.Select(row => row.Id));
        Assert.Equal(4, all.Total);
        var paged = await listing.ListAsync(new ArticleQuery(Text: word, AuthorId: author.Id, Page: 2, PageSize: 3));
        Assert.Equal([ids[0]], paged.Rows.Select(row => row.Id));
        Assert.Equal(2, paged.Pages);

        var sectionId = (await Factory.Services.GetRequiredService<TaxonomyStore>().FindSectionAsync(Gazette.Kernel.Normalized.Slug(section)))!.Id;
        Assert.Equal([ids[1], ids[0]], (await listing.ListAsync(new ArticleQuery(SectionId: sectionId))).Rows.Select(row => row.Id));
        Assert.Equal([ids[3]], (await listing.ListAsync(new ArticleQuery(ArticleStatus.Trash, Text: word))).Rows.Select(row => row.Id));
        Assert.Empty((await listing.ListAsync(new ArticleQuery(Text: word + "_%"))).Rows);
        Assert.Equal(4, (await listing.ListAsync(new ArticleQuery(Text: "100%"))).Rows.Count(row => row.Title.Contains(word, StringComparison.Ordinal)));

        Assert.Contains(await listing.ScheduledAsync(100), row => row.Id == ids[2] && row.PublishedAt == Now.AddDays(1));
        Assert.Equal(ids[0], (await listing.LatestPublishedAsync(1)).Single().Id);
        Assert.Contains(await listing.ReviewQueueAsync(100), row => row.Id == ids[1] && row.SubmittedBy == author.Id);
    }
}

public sealed class NewsroomDeskTestsOnSqlite(SqliteProvider provider) : NewsroomDeskTests<SqliteProvider>(provider);

public sealed class NewsroomDeskTestsOnPostgres(PostgresProvider provider) : NewsroomDeskTests<PostgresProvider>(provider);
