using System.Net;
using System.Net.Sockets;
using Dapper;
using Gazette.Storage;
using Gazette.Tests.Infrastructure;
using Gazette.Web;
using Microsoft.Data.Sqlite;

namespace Gazette.Tests.Hosting;

/// <summary>
/// <c>gazette doctor</c> with the real executable, on SQLite and PostgreSQL: a
/// healthy site gets no FAIL and exit 0, and each thing an operator can get
/// wrong is a FAIL line naming it, with exit 1.
/// </summary>
public sealed class DoctorCommandTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("gazette-doctor-").FullName;
    private readonly List<string> _postgresDatabases = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        foreach (var database in _postgresDatabases)
        {
            await PostgresServer.DropAsync(database);
        }
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AHealthySiteGetsNoFailAndSaysWhereEachSettingCameFrom(string provider)
    {
        var database = await MigratedSiteAsync(provider);
        await using (var connection = await Database.Create(DatabaseUrl.Parse(database)).OpenAsync())
        {
            await connection.ExecuteAsync("insert into settings (key, value, updated_at) values ('Gazette:Site:Tagline', 'Stored news', '2026-01-01T00:00:00.0000000+00:00')");
        }

        var (exitCode, stdout, stderr) = await Doctor(new Dictionary<string, string> { ["Gazette__Site__Title"] = "Doctor's Gazette" }, "--database", database);

        Assert.True(exitCode == 0, stdout + stderr);
        Assert.DoesNotContain("FAIL", stdout, StringComparison.Ordinal);
        Assert.Contains("ok   database: the ", stdout, StringComparison.Ordinal);
        Assert.Contains("ok   migrations: all ", stdout, StringComparison.Ordinal);
        Assert.Contains($"ok   configuration: Gazette:Database = {database} (from the command line).", stdout, StringComparison.Ordinal);
        Assert.Contains("ok   configuration: Gazette:Site:Title = Doctor's Gazette (from the environment).", stdout, StringComparison.Ordinal);
        Assert.Contains("ok   configuration: Gazette:Site:Tagline = Stored news (from the settings table", stdout, StringComparison.Ordinal);
        Assert.Contains("ok   configuration: AllowedHosts = * (from the defaults built into gazette).", stdout, StringComparison.Ordinal);
        Assert.Contains("ok   media: ", stdout, StringComparison.Ordinal);
        Assert.Contains(provider == "postgres" ? "the database server" : "SQLite has no server clock", stdout, StringComparison.Ordinal);
        Assert.Contains("ok   redis: not configured", stdout, StringComparison.Ordinal);
        Assert.All(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.Matches("^(ok  |warn|FAIL) [a-z ]+: ", line));
    }

    [Fact]
    public async Task NoSiteIsAFailAndLeavesTheFolderEmpty()
    {
        var (exitCode, stdout, _) = await Doctor(null);

        Assert.Equal(1, exitCode);
        Assert.Contains($"FAIL database: No Gazette site at {Path.Combine(_folder, "data")}", stdout, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder));
    }

    [Fact]
    public async Task AnUnreachablePostgresIsAFail()
    {
        var (exitCode, stdout, _) = await Doctor(null, "--database", $"postgres://postgres@127.0.0.1:{ClosedPort()}/gazette");

        Assert.Equal(1, exitCode);
        Assert.Contains("FAIL database: Cannot open the PostgreSQL database", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task PendingMigrationsAreListed(string provider)
    {
        var database = await MigratedSiteAsync(provider);
        string last;
        await using (var connection = await Database.Create(DatabaseUrl.Parse(database)).OpenAsync())
        {
            last = await connection.QuerySingleAsync<string>("select max(scriptname) from schemaversions");
            await connection.ExecuteAsync("delete from schemaversions where scriptname = @last", new { last });
        }

        var (exitCode, stdout, _) = await Doctor(null, "--database", database);

        Assert.Equal(1, exitCode);
        Assert.Contains($"FAIL migrations: 1 pending: {last}. Run 'gazette migrate'", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APublicAddressNeedsABaseUrl()
    {
        await MigratedSiteAsync("sqlite");

        var without = await Doctor(null, "--urls", "http://0.0.0.0:8080");
        var with = await Doctor(null, "--urls", "http://0.0.0.0:8080", "--Gazette:Site:BaseUrl=https://news.example.org");

        Assert.Equal(1, without.ExitCode);
        Assert.Contains("FAIL public address: gazette would listen on http://0.0.0.0:8080, a public address, and Gazette:Site:BaseUrl is not set", without.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, with.ExitCode);
        Assert.Contains("ok   public address: canonical links use https://news.example.org.", with.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADamagedInstallSecretIsAFail()
    {
        await MigratedSiteAsync("sqlite");
        await File.WriteAllTextAsync(Path.Combine(_folder, "data", "install.secret"), "not base64 at all");

        var (exitCode, stdout, _) = await Doctor(null);

        Assert.Equal(1, exitCode);
        Assert.Contains("FAIL install secret: The install secret in ", stdout, StringComparison.Ordinal);
        Assert.Contains("is damaged", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RedisIsCheckedWhenConfigured()
    {
        await MigratedSiteAsync("sqlite");
        using var redis = new TcpListener(IPAddress.Loopback, 0);
        redis.Start();
        var port = ((IPEndPoint)redis.LocalEndpoint).Port;
        var answering = Task.Run(async () =>
        {
            using var client = await redis.AcceptTcpClientAsync();
            var stream = client.GetStream();
            _ = await stream.ReadAsync(new byte[64]);
            await stream.WriteAsync("+PONG\r\n"u8.ToArray());
        });

        var reachable = await Doctor(null, $"--Gazette:Redis=127.0.0.1:{port}");
        await answering;
        var unreachable = await Doctor(null, $"--Gazette:Redis=127.0.0.1:{ClosedPort()}");

        Assert.Equal(0, reachable.ExitCode);
        Assert.Contains($"ok   redis: 127.0.0.1:{port} answers PING.", reachable.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, unreachable.ExitCode);
        Assert.Contains("FAIL redis: cannot reach 127.0.0.1:", unreachable.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2001, null, DoctorVerdict.Fail)]
    [InlineData(2026, null, DoctorVerdict.Ok)]
    [InlineData(2026, 1.5, DoctorVerdict.Ok)]
    [InlineData(2026, -30.0, DoctorVerdict.Warn)]
    [InlineData(2026, 90.0, DoctorVerdict.Fail)]
    public void TheClockIsJudgedByItsYearAndTheDatabaseServersClock(int year, double? serverAheadSeconds, DoctorVerdict verdict)
    {
        var local = new DateTimeOffset(year, 6, 1, 12, 0, 0, TimeSpan.Zero);

        var line = ClockCheck.Judge(local, serverAheadSeconds is { } ahead ? local.AddSeconds(ahead) : null);

        Assert.Equal(verdict, line.Verdict);
    }

    private async Task<string> MigratedSiteAsync(string provider)
    {
        if (provider == "postgres")
        {
            var database = await PostgresServer.CreateMigratedDatabaseAsync();
            _postgresDatabases.Add(database);
            return database;
        }
        var migrate = await GazetteProcess.RunAsync(_folder, null, "migrate");
        Assert.True(migrate.ExitCode == 0, migrate.Stderr);
        return "sqlite:" + Path.Combine(_folder, "data", "gazette.db");
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> Doctor(IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        GazetteProcess.RunAsync(_folder, environment, ["doctor", .. args]);

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
