using Dapper;
using Gazette.Security;
using Gazette.Storage;
using Gazette.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Security;

public abstract class SecretsTests<TProvider>(TProvider provider) : IClassFixture<TProvider>
    where TProvider : DatabaseProvider
{
    [Fact]
    public async Task InstallSecretIsMadeOnFirstRunAndKeptAfterRestart()
    {
        var setting = await provider.CreateEmptyAsync();

        var first = await SecretOfAsync(setting);
        var second = await SecretOfAsync(setting);

        Assert.Equal(first, second);
        Assert.Equal(InstallSecret.Length, first.Length);
    }

    [Fact]
    public async Task DataProtectionKeysAreSharedByEveryHostOnTheDatabase()
    {
        var setting = await provider.CreateEmptyAsync();
        await using var first = Host(setting);
        await using var second = Host(setting);
        first.CreateClient().Dispose();

        var token = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("a reader's token");
        second.CreateClient().Dispose();
        var read = second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(token);

        Assert.Equal("a reader's token", read);
    }

    [Fact]
    public void DerivedKeysDifferByPurpose()
    {
        var secret = new InstallSecret(InstallSecret.NewKey());

        Assert.Equal(secret.DeriveKey("comments"), secret.DeriveKey("comments"));
        Assert.NotEqual(secret.DeriveKey("comments"), secret.DeriveKey("newsletter"));
    }

    protected TProvider Provider => provider;

    protected GazetteFactory Host(string setting)
    {
        var factory = new GazetteFactory(provider);
        factory.Settings["Gazette:Database"] = setting;
        return factory;
    }

    private async Task<byte[]> SecretOfAsync(string setting)
    {
        await using var factory = Host(setting);
        factory.CreateClient().Dispose();
        return factory.Services.GetRequiredService<InstallSecret>().DeriveKey("probe");
    }
}

public sealed class SecretsTestsOnSqlite(SqliteProvider provider) : SecretsTests<SqliteProvider>(provider)
{
    [Fact]
    public async Task SecretAndKeysLiveInTheDataFolderReadableOnlyByTheOwner()
    {
        var setting = await Provider.CreateEmptyAsync();
        await using (var factory = Host(setting))
        {
            factory.CreateClient().Dispose();
        }
        var folder = ((SqliteUrl)DatabaseUrl.Parse(setting)).DataFolder;

        var secret = Path.Combine(folder, InstallSecretStore.FileName);
        Assert.True(File.Exists(secret));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(secret));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(folder, SecurityServiceCollectionExtensions.KeysFolderName), "key-*.xml"));
    }
}

public sealed class KeyFileTests(SqliteProvider provider) : IClassFixture<SqliteProvider>
{
    [Fact]
    public async Task AnEmptyKeyFileLeftByACrashIsSetAsideAndTheSiteGoesOn()
    {
        var (setting, keys) = await SiteWithKeysAsync();
        var damaged = Directory.GetFiles(keys, "key-*.xml").Single();
        await File.WriteAllBytesAsync(damaged, []);

        await using var factory = new GazetteFactory(provider);
        factory.Settings["Gazette:Database"] = setting;
        using var client = factory.CreateClient();
        var protector = factory.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");

        Assert.Equal("still works", protector.Unprotect(protector.Protect("still works")));
        Assert.True(File.Exists(damaged + KeyFileRepository.UnreadableSuffix));
        Assert.False(File.Exists(damaged));
        Assert.Contains(factory.Logs.Entries, entry => entry.Level == Microsoft.Extensions.Logging.LogLevel.Warning && entry.Message.Contains(damaged, StringComparison.Ordinal));
        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task KeyFilesAreWrittenWholeWithNothingTemporaryLeftBehind()
    {
        var (_, keys) = await SiteWithKeysAsync();

        var files = Directory.GetFiles(keys, "*", SearchOption.AllDirectories);
        Assert.All(files, file => Assert.Matches(@"key-[0-9a-f-]{36}\.xml$", file));
        Assert.All(files, file => Assert.Equal("key", System.Xml.Linq.XElement.Load(file).Name.LocalName));
        Assert.All(files, file => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file)));
    }

    [Fact]
    public void DurableWritesReplaceOnlyWhenAsked()
    {
        var folder = Directory.CreateTempSubdirectory("gazette-durable").FullName;
        var path = Path.Combine(folder, "file.txt");

        Gazette.Kernel.DurableFile.Write(path, "first");
        Assert.Throws<IOException>(() => Gazette.Kernel.DurableFile.Write(path, "second"));
        Gazette.Kernel.DurableFile.Write(path, "third", overwrite: true);

        Assert.Equal("third", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(folder));
        Directory.Delete(folder, recursive: true);
    }

    private async Task<(string Setting, string Keys)> SiteWithKeysAsync()
    {
        var setting = await provider.CreateEmptyAsync();
        await using (var factory = new GazetteFactory(provider))
        {
            factory.Settings["Gazette:Database"] = setting;
            factory.CreateClient().Dispose();
            var protector = factory.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
            protector.Protect("make a key");
        }
        return (setting, Path.Combine(((SqliteUrl)DatabaseUrl.Parse(setting)).DataFolder, SecurityServiceCollectionExtensions.KeysFolderName));
    }
}

public sealed class SecretsTestsOnPostgres(PostgresProvider provider) : SecretsTests<PostgresProvider>(provider)
{
    [Fact]
    public async Task SecretAndKeysLiveInTheDatabase()
    {
        var setting = await Provider.CreateEmptyAsync();
        await using (var factory = Host(setting))
        {
            factory.CreateClient().Dispose();
        }
        await using var database = Database.Create(DatabaseUrl.Parse(setting));
        await using var connection = await database.OpenAsync();

        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("select count(*) from secrets where name = 'install'"));
        Assert.True(await connection.ExecuteScalarAsync<int>("select count(*) from data_protection_keys") >= 1);
    }
}
