using Gazette.Settings;
using Gazette.Tests.Infrastructure;

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
}

public sealed class SettingsStoreTestsOnSqlite(SqliteProvider provider) : SettingsStoreTests<SqliteProvider>(provider);

public sealed class SettingsStoreTestsOnPostgres(PostgresProvider provider) : SettingsStoreTests<PostgresProvider>(provider);
