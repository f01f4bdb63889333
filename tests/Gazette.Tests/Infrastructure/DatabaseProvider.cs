using Gazette.Storage;
using Microsoft.Data.Sqlite;

namespace Gazette.Tests.Infrastructure;

/// <summary>
/// A migrated database for one test class. Store tests are written once against
/// this and run by a sealed class per provider (Dapper's pattern).
/// </summary>
public abstract class DatabaseProvider : IAsyncLifetime
{
    private readonly List<string> _created = [];

    public abstract string Name { get; }

    /// <summary>The Gazette:Database value of this class's database.</summary>
    public string Setting { get; private set; } = "";

    public Database Database { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Setting = await CreateMigratedAsync();
        Database = Gazette.Storage.Database.Create(DatabaseUrl.Parse(Setting));
    }

    public async Task DisposeAsync()
    {
        await Database.DisposeAsync();
        foreach (var setting in _created)
        {
            await DropAsync(setting);
        }
    }

    /// <summary>Another database with no tables, dropped with this provider.</summary>
    public async Task<string> CreateEmptyAsync() => Track(await CreateEmptyCoreAsync());

    /// <summary>Another migrated database, dropped with this provider.</summary>
    public async Task<string> CreateMigratedAsync() => Track(await CreateMigratedCoreAsync());

    protected abstract Task<string> CreateEmptyCoreAsync();

    protected abstract Task<string> CreateMigratedCoreAsync();

    protected abstract Task DropAsync(string setting);

    private string Track(string setting)
    {
        _created.Add(setting);
        return setting;
    }
}

public sealed class SqliteProvider : DatabaseProvider
{
    public static readonly string Root = Path.Combine(Path.GetTempPath(), "gazette-tests");

    public override string Name => "sqlite";

    protected override Task<string> CreateEmptyCoreAsync()
    {
        var folder = Path.Combine(Root, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return Task.FromResult($"sqlite:{Path.Combine(folder, "gazette.db")}");
    }

    protected override async Task<string> CreateMigratedCoreAsync()
    {
        var setting = await CreateEmptyCoreAsync();
        await using var database = Gazette.Storage.Database.Create(DatabaseUrl.Parse(setting));
        await ((SqliteDatabase)database).EnableWriteAheadLogAsync();
        await new SchemaMigrator(database, Gazette.Web.GazetteApp.MigrationSources(Program.Modules), Microsoft.Extensions.Logging.Abstractions.NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        return setting;
    }

    protected override Task DropAsync(string setting)
    {
        SqliteConnection.ClearAllPools();
        var folder = Path.GetDirectoryName(((SqliteUrl)DatabaseUrl.Parse(setting)).Path)!;
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
        return Task.CompletedTask;
    }
}

public sealed class PostgresProvider : DatabaseProvider
{
    public override string Name => "postgres";

    protected override Task<string> CreateEmptyCoreAsync() => PostgresServer.CreateEmptyDatabaseAsync();

    protected override Task<string> CreateMigratedCoreAsync() => PostgresServer.CreateMigratedDatabaseAsync();

    protected override Task DropAsync(string setting) => PostgresServer.DropAsync(setting);
}
