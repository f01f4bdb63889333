using Gazette.Backup;
using Gazette.Events;
using Gazette.Media;
using Gazette.Search;
using Gazette.Tests.Articles;
using Gazette.Tests.Infrastructure;
using Gazette.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Search;

/// <summary>
/// After <c>gazette restore</c> the index is what the public may see, though
/// the backup caught it behind the log: an article published but not yet
/// indexed is found, one unpublished but not yet removed is not (the restore
/// forgets the log, so the new cursor rebuilds the index, decision 61).
/// </summary>
public abstract class SearchRestoreTests<TProvider>(TProvider provider) : NewsroomTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    private static string Word() => "r" + Guid.NewGuid().ToString("N")[..9];

    [Fact]
    public async Task TheRestoredIndexHoldsWhatThePublicMaySee()
    {
        var folder = Directory.CreateTempSubdirectory("gazette-search-restore-").FullName;
        try
        {
            await RestoreAndSearchAsync(folder);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task RestoreAndSearchAsync(string folder)
    {
        var editor = await MemberAsync(NewsroomRole.Editor);
        var (indexed, withdrawn, late) = (Word(), Word(), Word());
        var first = await DraftAsync(editor, Input($"Indexed {indexed}"));
        var second = await DraftAsync(editor, Input($"Withdrawn {withdrawn}"));
        Assert.True((await Editor.PublishAsync(editor, first.Article.Id, 1)).Succeeded);
        Assert.True((await Editor.PublishAsync(editor, second.Article.Id, 1)).Succeeded);
        await Factory.Services.GetRequiredService<ClusterEventPump>().RunAsync(CancellationToken.None);
        Assert.True((await Editor.UnpublishAsync(editor, second.Article.Id, 2)).Succeeded);
        var third = await DraftAsync(editor, Input($"Late {late}"));
        Assert.True((await Editor.PublishAsync(editor, third.Article.Id, 1)).Succeeded);
        var file = Path.Combine(folder, "site.tar.gz");
        await Factory.Services.GetRequiredService<SiteBackup>().WriteAsync(file);

        var target = await Provider.CreateEmptyAsync();
        var restore = await GazetteProcess.RunAsync(AppContext.BaseDirectory, null, "restore", file, "--database", target, $"--{MediaFolder.Key}={Path.Combine(folder, "media")}");
        Assert.True(restore.ExitCode == 0, restore.Stderr);

        await using var restored = new GazetteFactory(Provider);
        restored.Settings["Gazette:Database"] = target;
        restored.Settings[MediaFolder.Key] = Path.Combine(folder, "media");
        var index = restored.Services.GetRequiredService<SearchIndex>();
        while (await index.BuildStepAsync(CancellationToken.None))
        {
        }
        async Task<int> FoundAsync(string word) => (await index.SearchAsync(SearchQuery.Parse(word), 0, 10, CancellationToken.None)).Total;
        Assert.Equal(1, await FoundAsync(indexed));
        Assert.Equal(1, await FoundAsync(late));
        Assert.Equal(0, await FoundAsync(withdrawn));
    }
}

public sealed class SearchRestoreTestsOnSqlite(SqliteProvider provider) : SearchRestoreTests<SqliteProvider>(provider);

public sealed class SearchRestoreTestsOnPostgres(PostgresProvider provider) : SearchRestoreTests<PostgresProvider>(provider);
