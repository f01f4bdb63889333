using System.Net;
using Dapper;
using Gazette.Articles;
using Gazette.Articles.Contracts;
using Gazette.Events;
using Gazette.Related;
using Gazette.Tests.Articles;
using Gazette.Tests.Infrastructure;
using Gazette.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Related;

/// <summary>Related coverage follows the event log, fills existing articles, shows only what the public may see, and drops cached pages, on both databases.</summary>
public abstract class RelatedCoverageTests<TProvider>(TProvider provider) : NewsroomTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    private RelatedCoverage Coverage => Factory.Services.GetRequiredService<RelatedCoverage>();

    private static string Run() => "r" + Guid.NewGuid().ToString("N")[..8];

    private static string Token() => Guid.NewGuid().ToString("N")[..10];

    /// <summary>A story whose headline and summary share no word with other stories but <paramref name="title"/>'s and <paramref name="words"/>.</summary>
    private ArticleDraft Story(string title, string[] tags, int hoursAgo, string words = "") => new()
    {
        Title = $"{title} {Token()}",
        Summary = $"{words} {Guid.NewGuid():N}".Trim(),
        BodyMarkdown = "Body text.",
        PublishedAt = Now.AddHours(-hoursAgo),
        Tags = tags,
        Bylines = ["Test Reporter"],
    };

    /// <summary>Delivers the log to the cluster subscribers (the job runner does not run in tests) until <paramref name="condition"/> holds.</summary>
    private async Task UntilAsync(Func<Task<bool>> condition) =>
        await Wait.UntilAsync(async () =>
        {
            await Factory.Services.GetRequiredService<ClusterEventPump>().RunAsync(CancellationToken.None);
            return await condition();
        });

    private async Task<IReadOnlyList<long>> RelatedAsync(long id) => await Coverage.ReadAsync(id, CancellationToken.None);

    private async Task<string> PathAsync(long id) =>
        (await Factory.Services.GetRequiredService<IPublicArticles>().FindAsync(id, CancellationToken.None))!.Path;

    [Fact]
    public async Task SharedTagsComeFirstTextFillsTheRestAndThePageShowsTheBlock()
    {
        var run = Run();
        var older = await PublishAsync(Story("Dockers vote", [$"port-{run}"], 5));
        var similar = await PublishAsync(Story("Crane operators walk out", [], 1, words: "harbour strike"));
        var unrelated = await PublishAsync(Story("Orchestra season", [], 1));
        var subject = await PublishAsync(Story("Harbour strike", [$"port-{run}"], 0, words: "harbour strike"));
        await UntilAsync(async () => (await RelatedAsync(subject.Id)).SequenceEqual([older.Id, similar.Id]));

        var (status, html, _) = await GetAsync(await PathAsync(subject.Id));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<h2 id=\"related-heading\" class=\"related__heading\">Related coverage</h2>", html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{await PathAsync(older.Id)}\">{older.Title}</a>", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf(older.Title, StringComparison.Ordinal) < html.IndexOf(similar.Title, StringComparison.Ordinal));
        Assert.DoesNotContain(unrelated.Title, html, StringComparison.Ordinal);
        Assert.DoesNotContain(subject.Id, await RelatedAsync(subject.Id));
    }

    [Fact]
    public async Task ANewStoryAppearsBesideTheCoverageItLinksTo()
    {
        var run = Run();
        var first = await PublishAsync(Story("Bridge closes", [$"bridge-{run}"], 3));
        await UntilAsync(async () => (await RelatedAsync(first.Id)).Count == 0);

        var second = await PublishAsync(Story("Bridge reopens", [$"bridge-{run}"], 0));

        await UntilAsync(async () => (await RelatedAsync(first.Id)).SequenceEqual([second.Id]));
        Assert.Equal([first.Id], await RelatedAsync(second.Id));
    }

    [Fact]
    public async Task AChangeInTagsRecomputes()
    {
        var run = Run();
        var editor = await MemberAsync(NewsroomRole.Editor);
        var rail = await PublishAsync(Story("Rail fares", [$"rail-{run}"], 2));
        var bus = await PublishAsync(Story("Bus lanes", [$"bus-{run}"], 2));
        var title = $"Transport plan {Token()}";
        var body = Token();
        var created = await DraftAsync(editor, Input(title, body, tags: [$"rail-{run}"]));
        Assert.True((await Editor.PublishAsync(editor, created.Article.Id, 1)).Succeeded);
        await UntilAsync(async () => (await RelatedAsync(created.Article.Id)).SequenceEqual([rail.Id]));

        var saved = await Editor.SaveAsync(editor, created.Article.Id, 2, Input(title, body, tags: [$"bus-{run}"]));

        Assert.True(saved.Succeeded);
        await UntilAsync(async () => (await RelatedAsync(created.Article.Id)).SequenceEqual([bus.Id]));
    }

    [Fact]
    public async Task UnpublishingRemovesAnArticleFromOtherBlocksAndTheirCachedPagesAtOnce()
    {
        var run = Run();
        var editor = await MemberAsync(NewsroomRole.Editor);
        var subject = await PublishAsync(Story("Flood defences", [$"flood-{run}"], 0, words: "levee breach"));
        var kept = await PublishAsync(Story("River levels", [$"flood-{run}"], 3));
        // Related by its text only: no tag in common, so only the related coverage's own eviction can drop the subject's page.
        var pulled = await DraftAsync(editor, Input($"Levee breach {run}", Token()));
        Assert.True((await Editor.PublishAsync(editor, pulled.Article.Id, 1)).Succeeded);
        await UntilAsync(async () => (await RelatedAsync(subject.Id)).Contains(pulled.Article.Id));
        var path = await PathAsync(subject.Id);
        Assert.Contains($"Levee breach {run}", (await GetAsync(path)).Html, StringComparison.Ordinal);
        Assert.NotNull((await GetAsync(path)).Response.Headers.Age);

        Assert.True((await Editor.UnpublishAsync(editor, pulled.Article.Id, 2)).Succeeded);

        var page = await GetAsync(path);
        Assert.DoesNotContain($"Levee breach {run}", page.Html, StringComparison.Ordinal);
        Assert.Contains(kept.Title, page.Html, StringComparison.Ordinal);
        await UntilAsync(async () => !(await RelatedAsync(subject.Id)).Contains(pulled.Article.Id));
        Assert.Empty(await RelatedAsync(pulled.Article.Id));
    }

    [Fact]
    public async Task TheBackfillFillsArticlesThatHaveNone()
    {
        var run = Run();
        var one = await PublishAsync(Story("Library opens", [$"books-{run}"], 4));
        var two = await PublishAsync(Story("Library lends", [$"books-{run}"], 2));
        await UntilAsync(async () => (await RelatedAsync(one.Id)).Count == 1);
        await using (var connection = await Provider.Database.OpenAsync())
        {
            await connection.ExecuteAsync(
                "delete from related_articles where article_id in (@one, @two) or related_id in (@one, @two)", new { one = one.Id, two = two.Id });
            await connection.ExecuteAsync(
                Provider.Database.Dialect == Gazette.Storage.SqlDialect.Postgres
                    ? "update related_build set last_id = @before, done = false"
                    : "update related_build set last_id = @before, done = 0",
                new { before = one.Id - 1 });
        }

        while (await Coverage.BuildStepAsync(CancellationToken.None))
        {
        }

        Assert.Equal([two.Id], await RelatedAsync(one.Id));
        Assert.Equal([one.Id], await RelatedAsync(two.Id));
    }

    /// <summary>A restore forgets the events the subscriber had not handled: its fresh cursor has every list computed again, stale ones included.</summary>
    [Fact]
    public async Task AFreshCursorRecomputesListsTheLostEventsWouldHaveChanged()
    {
        var run = Run();
        var one = await PublishAsync(Story("Ferry returns", [$"ferry-{run}"], 4));
        var two = await PublishAsync(Story("Ferry timetable", [$"ferry-{run}"], 2));
        var stranger = await PublishAsync(Story("Chess final", [], 1));
        await UntilAsync(async () => (await RelatedAsync(one.Id)).SequenceEqual([two.Id]));
        await using (var connection = await Provider.Database.OpenAsync())
        {
            await connection.ExecuteAsync("update related_articles set related_id = @stranger where article_id = @one", new { stranger = stranger.Id, one = one.Id });
        }
        var subscriber = Factory.Services.GetServices<IClusterEventSubscriber>().Single(subscriber => subscriber.Name == Coverage.CursorName);

        await subscriber.StartAfreshAsync(CancellationToken.None);
        while (await Coverage.BuildStepAsync(CancellationToken.None))
        {
        }

        Assert.Equal([two.Id], await RelatedAsync(one.Id));
    }
}

public sealed class RelatedCoverageTestsOnSqlite(SqliteProvider provider) : RelatedCoverageTests<SqliteProvider>(provider);

public sealed class RelatedCoverageTestsOnPostgres(PostgresProvider provider) : RelatedCoverageTests<PostgresProvider>(provider);
