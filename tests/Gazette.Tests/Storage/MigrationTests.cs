using Dapper;
using Gazette.Storage;
using Gazette.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gazette.Tests.Storage;

public abstract class MigrationTests<TProvider>(TProvider provider) : IClassFixture<TProvider>
    where TProvider : DatabaseProvider
{
    [Fact]
    public async Task EmptyDatabaseGetsEveryScriptThenNothingOnRerun()
    {
        await using var database = Database.Create(DatabaseUrl.Parse(await provider.CreateEmptyAsync()));
        var migrator = new SchemaMigrator(database, Gazette.Web.GazetteApp.MigrationSources(Program.Modules), NullLogger<SchemaMigrator>.Instance);

        var first = await migrator.MigrateAsync();
        var second = await migrator.MigrateAsync();

        Assert.Equal(migrator.KnownScripts(), first);
        Assert.Contains("0001_users.sql", first);
        Assert.Contains("0008_events.sql", first);
        Assert.Empty(second);
    }

    [Fact]
    public async Task MigratedDatabaseHasEveryTableOfTheDataModel()
    {
        var tables = await SchemaReader.TablesAsync(provider.Database);
        foreach (var table in new[] { "articles", "article_sections", "article_tags", "bylines", "comments", "comment_reports", "data_protection_keys", "events", "event_cursors", "redirects", "secrets", "sections", "settings", "tags", "users" })
        {
            Assert.Contains(table, tables.Keys);
        }
    }

    [Fact]
    public async Task ForeignKeysAreEnforced()
    {
        await using var connection = await provider.Database.OpenAsync();
        var error = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => connection.ExecuteAsync(
            "insert into article_tags (article_id, tag_id) values (987654, 123456)"));
        Assert.NotNull(error);
    }
}

public sealed class MigrationTestsOnSqlite(SqliteProvider provider) : MigrationTests<SqliteProvider>(provider);

public sealed class MigrationTestsOnPostgres(PostgresProvider provider) : MigrationTests<PostgresProvider>(provider);

/// <summary>The two dialect folders must describe one schema: same tables, columns, indexes and nullability.</summary>
public sealed class SchemaParityTests : IAsyncLifetime
{
    private readonly SqliteProvider _sqlite = new();
    private readonly PostgresProvider _postgres = new();

    public async Task InitializeAsync()
    {
        await _sqlite.InitializeAsync();
        await _postgres.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _sqlite.DisposeAsync();
        await _postgres.DisposeAsync();
    }

    [Fact]
    public async Task BothDialectsHaveTheSameTablesAndColumns()
    {
        var sqlite = await SchemaReader.TablesAsync(_sqlite.Database);
        var postgres = await SchemaReader.TablesAsync(_postgres.Database);
        Assert.Equal(Describe(sqlite).Where(Shared), Describe(postgres).Where(Shared));
    }

    [Fact]
    public async Task BothDialectsHaveTheSameIndexes()
    {
        var sqlite = await SchemaReader.IndexesAsync(_sqlite.Database);
        var postgres = await SchemaReader.IndexesAsync(_postgres.Database);
        Assert.NotEmpty(sqlite);
        Assert.Equal(sqlite.Where(Shared), postgres.Where(Shared));
    }

    [Fact]
    public void BothDialectsCarryTheSameScripts()
    {
        var sqlite = new SchemaMigrator(_sqlite.Database, Gazette.Web.GazetteApp.MigrationSources(Program.Modules), NullLogger<SchemaMigrator>.Instance).KnownScripts();
        var postgres = new SchemaMigrator(_postgres.Database, Gazette.Web.GazetteApp.MigrationSources(Program.Modules), NullLogger<SchemaMigrator>.Instance).KnownScripts();
        Assert.Equal(sqlite, postgres);
    }

    /// <summary>The search index is FTS5 on one and a tsvector on the other by design (decision 80): its tables are left out.</summary>
    private static bool Shared(string described) => !described.StartsWith("search_", StringComparison.Ordinal);

    private static List<string> Describe(Dictionary<string, List<SchemaReader.Column>> tables) =>
        tables.SelectMany(table => table.Value.Select(column => $"{table.Key}.{column.Name} {(column.Nullable ? "null" : "not null")}"))
            .Order(StringComparer.Ordinal)
            .ToList();
}
