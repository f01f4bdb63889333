using System.Net;
using System.Net.Sockets;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Hosting;

/// <summary>The executable as an operator meets it: commands, help, and every start-up failure as one line with a non-zero exit.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("gazette-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task HelpListsTheCommands()
    {
        var (exitCode, stdout, _) = await Run("--help");

        Assert.Equal(0, exitCode);
        Assert.Contains("serve", stdout, StringComparison.Ordinal);
        Assert.Contains("migrate", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("serve", "--urls")]
    [InlineData("migrate", "--database")]
    public async Task EachCommandHasHelp(string command, string option)
    {
        var (exitCode, stdout, _) = await Run(command, "--help");

        Assert.Equal(0, exitCode);
        Assert.Contains(option, stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("serve --help")]
    [InlineData("migrate --help")]
    [InlineData("doctor --help")]
    [InlineData("comments --help")]
    [InlineData("comments list --help")]
    [InlineData("comments approve --help")]
    [InlineData("generate --help")]
    [InlineData("backup --help")]
    [InlineData("restore --help")]
    public async Task HelpHasBalancedBracketsAndOffersNoArgumentsItRefuses(string args)
    {
        var (exitCode, stdout, _) = await Run(args.Split(' '));

        Assert.Equal(0, exitCode);
        Assert.Contains("Usage:", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("additional arguments", stdout, StringComparison.OrdinalIgnoreCase);
        foreach (var line in stdout.Split('\n'))
        {
            Assert.True(Balanced(line), $"unbalanced brackets in: {line}");
        }
    }

    [Theory]
    [InlineData("comments", "gazette: ", "gazette comments [command] [options]")]
    [InlineData("comments approve", "gazette: ", "gazette comments approve <ID>... [options]")]
    [InlineData("comments trash abc", "gazette: 'abc' is not a comment id (a positive number).", "gazette comments trash <ID>... [options]")]
    [InlineData("comments list --status lost", "gazette: --status must be one of pending, approved, spam, trash, not 'lost'.", "gazette comments list [options]")]
    [InlineData("comments list --limit 0", "gazette: --limit must be a whole number from 1 to 10000, not '0'.", "gazette comments list [options]")]
    [InlineData("comments list --limit -1", "gazette: --limit must be a whole number from 1 to 10000, not '-1'.", "gazette comments list [options]")]
    [InlineData("generate", "gazette: ", "gazette generate [options]")]
    [InlineData("generate --articles abc", "gazette: --articles must be a whole number from 1 to 1000000, not 'abc'.", "gazette generate [options]")]
    [InlineData("generate --articles 0", "gazette: --articles must be a whole number from 1 to 1000000, not '0'.", "gazette generate [options]")]
    [InlineData("import wordpress", "gazette: ", "gazette import wordpress <FILE> [options]")]
    [InlineData("serve bogus", "gazette: ", "gazette serve [options]")]
    [InlineData("--urls", "gazette: ", "gazette [command] [options]")]
    [InlineData("migrate --Gazette:Database sqlite:x.db", "gazette: ", "gazette migrate [options]")]
    public async Task WrongArgumentsExitWithTwoAGazetteLineAndTheUsageOnStderr(string args, string firstLine, string usage)
    {
        var (exitCode, stdout, stderr) = await Run(args.Split(' '));

        Assert.Equal(2, exitCode);
        Assert.StartsWith(firstLine, stderr, StringComparison.Ordinal);
        Assert.Contains($"Usage:\n  {usage}\n", stderr, StringComparison.Ordinal);
        Assert.Equal("", stdout);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder));
    }

    [Theory]
    [InlineData("comments list")]
    [InlineData("comments approve 1")]
    [InlineData("generate --articles 1")]
    [InlineData("backup site.tar.gz")]
    public async Task CommandsOtherThanServeAndMigrateNeedASiteAndCreateNone(string args)
    {
        var (exitCode, _, stderr) = await Run(args.Split(' '));

        Assert.Equal(1, exitCode);
        var data = Path.Combine(_folder, "data");
        AssertOneLine(stderr, $"gazette: No Gazette site at {data} (looked for {Path.Combine(data, "gazette.db")}).");
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder));
    }

    [Fact]
    public async Task MigrateCreatesTheDefaultDatabaseInTheWorkingDirectoryThenFindsItUpToDate()
    {
        var first = await Run("migrate");
        var second = await Run("migrate");

        Assert.Equal(0, first.ExitCode);
        Assert.Matches("Applied [0-9]+ migration\\(s\\)", first.Stdout);
        Assert.True(File.Exists(Path.Combine(_folder, "data", "gazette.db")));
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("is up to date", second.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MigratePublishesNothingAndTheNextCommandFindsTheSite()
    {
        var migrate = await Run("migrate");
        var articlesAfterMigrate = await CountArticlesAsync();
        var list = await Run("comments", "list");

        Assert.Equal(0, migrate.ExitCode);
        Assert.Equal(0L, articlesAfterMigrate);
        Assert.Equal((0, ""), (list.ExitCode, list.Stderr));
    }

    [Fact]
    public async Task DatabaseComesFromEnvironmentAndCommandLineWinsOverIt()
    {
        var environment = new Dictionary<string, string> { ["Gazette__Database"] = "sqlite:from-env/site.db" };

        var fromEnvironment = await Run(environment, "migrate");
        var fromCommandLine = await Run(environment, "migrate", "--Gazette:Database=sqlite:from-args/site.db");
        var fromOption = await Run(environment, "migrate", "--database", "sqlite:from-option/site.db");

        Assert.Equal(0, fromEnvironment.ExitCode);
        Assert.True(File.Exists(Path.Combine(_folder, "from-env", "site.db")));
        Assert.Equal(0, fromCommandLine.ExitCode);
        Assert.True(File.Exists(Path.Combine(_folder, "from-args", "site.db")));
        Assert.Equal(0, fromOption.ExitCode);
        Assert.True(File.Exists(Path.Combine(_folder, "from-option", "site.db")));
    }

    [Theory]
    [InlineData("mysql://root@localhost/news", "gazette: Gazette:Database 'mysql://…@localhost/news' is neither sqlite:PATH nor a postgres://")]
    [InlineData("postgres://gazette@127.0.0.1:1/news", "gazette: Cannot open the PostgreSQL database 'news' at 127.0.0.1:1: ")]
    public async Task BadOrUnreachableDatabaseFailsWithOneLine(string setting, string expected)
    {
        var (exitCode, _, stderr) = await Run("serve", "--database", setting, "--urls", "http://127.0.0.1:0");

        Assert.Equal(1, exitCode);
        AssertOneLine(stderr, expected);
    }

    [Fact]
    public async Task UnwritableDataFolderFailsWithOneLine()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "not-a-folder"), "");

        var (exitCode, _, stderr) = await Run("serve", "--database", "sqlite:not-a-folder/gazette.db", "--urls", "http://127.0.0.1:0");

        Assert.Equal(1, exitCode);
        AssertOneLine(stderr, $"gazette: Data folder {Path.Combine(_folder, "not-a-folder")} is not writable: ");
    }

    [Fact]
    public async Task PortInUseFailsWithOneLine()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;

        var (exitCode, _, stderr) = await Run("serve", "--urls", $"http://127.0.0.1:{port}");

        Assert.Equal(1, exitCode);
        AssertOneLine(stderr, $"gazette: Port {port} is already in use (http://127.0.0.1:{port}).");
    }

    [Fact]
    public async Task ABadTrustedProxyIsNamed()
    {
        var (exitCode, _, stderr) = await Run("serve", "--Gazette:TrustedProxies=10.0.0.0/8,not-an-address", "--urls", "http://127.0.0.1:0");

        Assert.Equal(1, exitCode);
        AssertOneLine(stderr, "gazette: Gazette:TrustedProxies has 'not-an-address', which is neither an IP address nor a CIDR range.");
    }

    [Fact]
    public async Task ServeAnnouncesItsAddressAnswersAndStopsCleanlyOnSigterm()
    {
        await using var server = GazetteProcess.Start(_folder, "serve", "--urls", "http://127.0.0.1:0");
        var url = await server.WaitUntilListeningAsync();

        using var http = new HttpClient();
        var health = await http.GetStringAsync(new Uri(url + "/healthz"));
        using (var terminate = System.Diagnostics.Process.Start("kill", ["-TERM", server.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await terminate.WaitForExitAsync();
        }

        Assert.Equal("Healthy", System.Text.Json.JsonDocument.Parse(health).RootElement.GetProperty("status").GetString());
        Assert.Equal(0, await server.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    private static bool Balanced(string line)
    {
        var open = new Stack<char>();
        foreach (var c in line)
        {
            if (c is '[' or '<' or '(')
            {
                open.Push(c);
            }
            else if (c is ']' or '>' or ')' && (open.Count == 0 || open.Pop() != c switch { ']' => '[', '>' => '<', _ => '(' }))
            {
                return false;
            }
        }
        return open.Count == 0;
    }

    private async Task<long> CountArticlesAsync()
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_folder, "data", "gazette.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "select count(*) from articles";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static void AssertOneLine(string stderr, string expectedStart)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, $"expected one line on stderr, got:\n{stderr}");
        Assert.StartsWith(expectedStart, lines[0], StringComparison.Ordinal);
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> Run(params string[] args) => GazetteProcess.RunAsync(_folder, null, args);

    private Task<(int ExitCode, string Stdout, string Stderr)> Run(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        GazetteProcess.RunAsync(_folder, environment, args);
}
