using Dapper;
using Gazette.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Gazette.Tests.Infrastructure;

/// <summary>
/// The throwaway PostgreSQL server that ./test.sh starts. Each test class gets a
/// database of its own, copied from a migrated template, so classes run in
/// parallel without seeing each other's rows. Without a server the tests fail:
/// they never skip.
/// </summary>
public static class PostgresServer
{
    public const string Variable = "GAZETTE_TEST_POSTGRES";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly string RunId = $"{Environment.ProcessId}_{Guid.NewGuid():N}"[..20];
    private static string? _template;

    public static string AdminUrl =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } url
            ? url
            : throw new InvalidOperationException(
                $"PostgreSQL tests need a server. Run ./test.sh (it starts one) or set {Variable}=postgres://postgres@127.0.0.1:54329/postgres.");

    /// <summary>A new database already at the latest schema; returns its Gazette:Database URL.</summary>
    public static async Task<string> CreateMigratedDatabaseAsync()
    {
        var template = await EnsureTemplateAsync();
        return await CreateAsync(template);
    }

    /// <summary>A new database with no tables at all.</summary>
    public static Task<string> CreateEmptyDatabaseAsync() => CreateAsync("template0");

    public static async Task DropAsync(string databaseUrl)
    {
        var name = DatabaseName(databaseUrl);
        await using var admin = await OpenAdminAsync();
        await admin.ExecuteAsync($"drop database if exists \"{name}\" with (force)");
    }

    public static string UrlFor(string databaseName) =>
        new UriBuilder(AdminUrl) { Path = "/" + databaseName }.Uri.ToString();

    private static async Task<string> CreateAsync(string template)
    {
        var name = $"gazette_test_{RunId}_{Guid.NewGuid():N}"[..60];
        await Gate.WaitAsync();
        try
        {
            await using var admin = await OpenAdminAsync();
            await admin.ExecuteAsync($"create database \"{name}\" template \"{template}\"");
        }
        finally
        {
            Gate.Release();
        }
        return UrlFor(name);
    }

    private static async Task<string> EnsureTemplateAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_template is not null)
            {
                return _template;
            }
            var name = $"gazette_template_{RunId}";
            await using (var admin = await OpenAdminAsync())
            {
                await admin.ExecuteAsync($"create database \"{name}\" template template0");
            }
            await using (var database = Database.Create(DatabaseUrl.Parse(UrlFor(name))))
            {
                await new SchemaMigrator(database, Gazette.Web.GazetteApp.MigrationSources(Program.Modules), NullLogger<SchemaMigrator>.Instance).MigrateAsync();
            }
            // A template must have no open sessions when it is copied.
            NpgsqlConnection.ClearAllPools();
            return _template = name;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<NpgsqlConnection> OpenAdminAsync()
    {
        var url = (PostgresUrl)DatabaseUrl.Parse(AdminUrl);
        var connection = new NpgsqlConnection(url.ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        return connection;
    }

    private static string DatabaseName(string databaseUrl) => new Uri(databaseUrl).AbsolutePath.Trim('/');
}
