using Gazette.Articles;
using Gazette.Events;
using Gazette.Search;
using Gazette.Tests.Articles;
using Gazette.Tests.Infrastructure;
using Gazette.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Search;

/// <summary>The index follows an article through the newsroom's desk on both databases: publish, edit, unpublish, trash and an embargo that ends.</summary>
public abstract class SearchIndexLifecycleTests<TProvider>(TProvider provider) : NewsroomTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    private static string Word() => "q" + Guid.NewGuid().ToString("N")[..9];

    /// <summary>Delivers the log to the subscriber (no job runner in tests) until <paramref name="word"/> finds <paramref name="count"/> articles.</summary>
    private Task UntilFoundAsync(string word, int count) =>
        Wait.UntilAsync(async () =>
        {
            await Factory.Services.GetRequiredService<ClusterEventPump>().RunAsync(CancellationToken.None);
            var hits = await Factory.Services.GetRequiredService<SearchIndex>().SearchAsync(SearchQuery.Parse(word), 0, 10, CancellationToken.None);
            return hits.Total == count;
        });

    [Fact]
    public async Task PublishEditUnpublishAndRepublishAreFollowed()
    {
        var editor = await MemberAsync(NewsroomRole.Editor);
        var (first, second) = (Word(), Word());
        var draft = await DraftAsync(editor, Input($"Harbour {first}"));
        var id = draft.Article.Id;
        await UntilFoundAsync(first, 0);

        Assert.True((await Editor.PublishAsync(editor, id, 1)).Succeeded);
        await UntilFoundAsync(first, 1);

        Assert.True((await Editor.SaveAsync(editor, id, 2, Input($"Harbour {second}", body: $"Now about {second}."))).Succeeded);
        await UntilFoundAsync(second, 1);
        await UntilFoundAsync(first, 0);

        Assert.True((await Editor.UnpublishAsync(editor, id, 3)).Succeeded);
        await UntilFoundAsync(second, 0);

        Assert.True((await Editor.PublishAsync(editor, id, 4)).Succeeded);
        await UntilFoundAsync(second, 1);
    }

    [Fact]
    public async Task ATrashedArticleLeavesTheIndex()
    {
        var editor = await MemberAsync(NewsroomRole.Editor);
        var word = Word();
        var draft = await DraftAsync(editor, Input($"Trashed {word}"));
        Assert.True((await Editor.PublishAsync(editor, draft.Article.Id, 1)).Succeeded);
        await UntilFoundAsync(word, 1);

        Assert.True((await Editor.TrashAsync(editor, draft.Article.Id, 2)).Succeeded);

        await UntilFoundAsync(word, 0);
    }

    [Fact]
    public async Task AnEmbargoedArticleIsFoundOnlyOnceItsTimeComes()
    {
        var word = Word();
        await Factory.Services.GetRequiredService<ArticlePublisher>().CreateAsync(Story($"Embargoed {word}", Now.AddHours(2)));
        var scheduled = Factory.Services.GetRequiredService<ScheduledPublishing>();
        await scheduled.PublishDueAsync(CancellationToken.None);
        await UntilFoundAsync(word, 0);

        Factory.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        await scheduled.PublishDueAsync(CancellationToken.None);

        await UntilFoundAsync(word, 1);
    }
}

public sealed class SearchIndexLifecycleTestsOnSqlite(SqliteProvider provider) : SearchIndexLifecycleTests<SqliteProvider>(provider);

public sealed class SearchIndexLifecycleTestsOnPostgres(PostgresProvider provider) : SearchIndexLifecycleTests<PostgresProvider>(provider);
