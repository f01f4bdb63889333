using Gazette.Events;
using Gazette.Settings;
using Gazette.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gazette.Tests.Storage;

public abstract class SettingsStoreTests<TProvider>(TProvider provider) : IClassFixture<TProvider>
    where TProvider : DatabaseProvider
{
    private SettingsStore Store => new(provider.Database, TimeProvider.System);

    [Fact]
    public async Task SettingIsStoredThenReplaced()
    {
        Assert.Null(await Store.GetAsync("site.title"));

        await Store.SetAsync("site.title", "The Daily Gazette");
        await Store.SetAsync("site.title", "The Evening Gazette");
        await Store.SetAsync("site.tagline", "News & <views>");

        Assert.Equal("The Evening Gazette", await Store.GetAsync("site.title"));
        var all = await Store.GetAllAsync();
        Assert.Equal("News & <views>", all["site.tagline"]);
        Assert.Equal(2, all.Count);
    }

    [Fact]
    public async Task ALineIsAddedOnceInTheCallersTransactionAndAddsAtOnceBothLand()
    {
        var units = Units();
        const string key = "test.word_list";

        await using (var rolledBack = await units.BeginAsync())
        {
            Assert.True(await Store.AddLineAsync(rolledBack, key, "never"));
        }
        Assert.Null(await Store.GetAsync(key));

        await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            await using var work = await units.BeginAsync();
            await Store.AddLineAsync(work, key, $"entry{i}");
            await work.CommitAsync();
        }));
        await using (var again = await units.BeginAsync())
        {
            Assert.False(await Store.AddLineAsync(again, key, "entry3"));
        }

        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"entry{i}").Order(), SettingsStore.Lines(await Store.GetAsync(key)).Order());
    }

    [Fact]
    public async Task LinesRemovedAtOnceAreAllGoneAndALineAddedMeanwhileStays()
    {
        var units = Units();
        var key = "test.removals." + Guid.NewGuid().ToString("N")[..8];
        await using (var setup = await units.BeginAsync())
        {
            foreach (var i in Enumerable.Range(0, 6))
            {
                await Store.AddLineAsync(setup, key, $"entry{i}");
            }
            await setup.CommitAsync();
        }

        await Task.WhenAll(Enumerable.Range(0, 4).Select(async i =>
        {
            await using var work = await units.BeginAsync();
            Assert.True(await Store.RemoveLineAsync(work, key, $"entry{i}"));
            await work.CommitAsync();
        }).Append(Task.Run(async () =>
        {
            await using var work = await units.BeginAsync();
            await Store.AddLineAsync(work, key, "late");
            await work.CommitAsync();
        })));
        await using (var again = await units.BeginAsync())
        {
            Assert.False(await Store.RemoveLineAsync(again, key, "entry0"));
        }

        Assert.Equal(["entry4", "entry5", "late"], SettingsStore.Lines(await Store.GetAsync(key)).Order());
    }

    private UnitsOfWork Units()
    {
        var services = new ServiceCollection().BuildServiceProvider();
        return new UnitsOfWork(provider.Database, new EventTypes([]), new EventDispatcher(services, NullLogger<EventDispatcher>.Instance), TimeProvider.System, new Unannounced());
    }

    /// <summary>A single process: nobody to tell of a commit.</summary>
    private sealed class Unannounced : ILogAnnouncer
    {
        public void Announce(EventPosition last)
        {
        }
    }
}

public sealed class SettingsStoreTestsOnSqlite(SqliteProvider provider) : SettingsStoreTests<SqliteProvider>(provider);

public sealed class SettingsStoreTestsOnPostgres(PostgresProvider provider) : SettingsStoreTests<PostgresProvider>(provider);
