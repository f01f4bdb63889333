using System.Text.RegularExpressions;
using Dapper;
using Gazette.Storage;
using Gazette.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Storage;

/// <summary>
/// A kill test cannot tell a flushed write from one still in the OS cache; the
/// pragma can. Every connection the app hands out must run synchronous=FULL.
/// </summary>
public sealed partial class SqliteDurabilityTests(SqliteProvider provider) : IClassFixture<SqliteProvider>
{
    private const int Full = 2;

    [Fact]
    public async Task EveryConnectionTheAppHandsOutIsDurable()
    {
        await using var factory = new GazetteFactory(provider);
        using var client = factory.CreateClient();
        var database = factory.Services.GetRequiredService<Database>();

        var connections = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => database.OpenAsync()));
        try
        {
            foreach (var connection in connections)
            {
                Assert.Equal(Full, await connection.ExecuteScalarAsync<int>("PRAGMA synchronous"));
                Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
                Assert.Equal(1, await connection.ExecuteScalarAsync<int>("PRAGMA foreign_keys"));
                Assert.True(await connection.ExecuteScalarAsync<int>("PRAGMA busy_timeout") >= 1000);
            }
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>The pragmas are set once on each native connection (decision 182); the pool hands it back with them.</summary>
    [Fact]
    public async Task APooledConnectionKeepsItsPragmasAcrossUses()
    {
        await using var database = Database.Create(DatabaseUrl.Parse(provider.Setting));
        SQLitePCL.sqlite3? native = null;
        for (var i = 0; i < 3; i++)
        {
            await using var connection = (SqliteConnection)await database.OpenAsync();
            native ??= connection.Handle;
            Assert.Same(native, connection.Handle);
            Assert.Equal(Full, await connection.ExecuteScalarAsync<int>("PRAGMA synchronous"));
            Assert.Equal(1, await connection.ExecuteScalarAsync<int>("PRAGMA foreign_keys"));
            Assert.True(await connection.ExecuteScalarAsync<int>("PRAGMA busy_timeout") >= 1000);
        }
        using var sync = database.Open();
        Assert.Equal(Full, sync.ExecuteScalar<int>("PRAGMA synchronous"));
    }

    /// <summary>
    /// As a pooled connection keeps what was set on it, a statement that changed one
    /// of these pragmas would change them for every later user of that connection:
    /// none may, in code or in a migration (the restore's own connection is not pooled).
    /// </summary>
    [Fact]
    public void NoStatementChangesAConnectionsPragmas()
    {
        var root = Repository.Root;
        string[] allowed = ["src/Gazette/Storage/SqliteDatabase.cs", "src/Gazette/Backup/SiteRestore.cs"];
        var changers = Directory.EnumerateFiles(Path.Combine(root, "src/Gazette"), "*.*", SearchOption.AllDirectories)
            .Where(path => path.EndsWith(".cs", StringComparison.Ordinal) || path.EndsWith(".sql", StringComparison.Ordinal))
            .Where(path => !path.Contains("/obj/", StringComparison.Ordinal) && !path.Contains("/bin/", StringComparison.Ordinal))
            .Where(path => ConnectionPragma().IsMatch(File.ReadAllText(path)))
            .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/'))
            .ToList();
        Assert.Contains("src/Gazette/Storage/SqliteDatabase.cs", changers);
        Assert.Empty(changers.Except(allowed));
    }

    [GeneratedRegex(@"pragma\s+(synchronous|foreign_keys|busy_timeout|journal_mode)\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex ConnectionPragma();
}
