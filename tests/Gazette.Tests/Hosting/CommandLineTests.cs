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
    public async Task UnknownArgumentIsNamed()
    {
        var (exitCode, _, stderr) = await Run("serve", "bogus");

        Assert.Equal(2, exitCode);
        AssertOneLine(stderr, "gazette: Unknown argument 'bogus'.");
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

        Assert.StartsWith("Healthy\n", health, StringComparison.Ordinal);
        Assert.Equal(0, await server.WaitForExitAsync(TimeSpan.FromSeconds(30)));
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
