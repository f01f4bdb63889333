using Gazette.Web;
using System.Text.RegularExpressions;
using Dapper;
using Gazette.Accounts;
using Gazette.Storage;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Hosting;

/// <summary>
/// Accounts from the command line, with the real executable: no default
/// password anywhere, the first serve prints a one-time administrator password
/// once, and every password is stored as a PBKDF2 hash that verifies.
/// </summary>
public sealed partial class UserCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("gazette-users-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string DatabasePath => Path.Combine(_folder, "data", "gazette.db");

    [Fact]
    public async Task TheFirstServePrintsAOneTimeAdministratorPasswordThatWorksAndTheSecondPrintsNone()
    {
        string password;
        await using (var first = GazetteProcess.Start(_folder, "serve", "--urls", "http://127.0.0.1:0"))
        {
            await first.WaitUntilListeningAsync();
            await Wait.UntilAsync(() => Task.FromResult(OneTimePassword().IsMatch(first.Stdout)));
            password = OneTimePassword().Match(first.Stdout).Groups[1].Value;
        }
        await using (var second = GazetteProcess.Start(_folder, "serve", "--urls", "http://127.0.0.1:0"))
        {
            await second.WaitUntilListeningAsync();
            await Wait.UntilAsync(() => Task.FromResult(second.Stdout.Contains("Open the sample article", StringComparison.Ordinal) || second.Stdout.Contains("running at", StringComparison.Ordinal)));
            Assert.DoesNotContain("one-time password", second.Stdout, StringComparison.Ordinal);
        }

        var admin = await UserAsync("admin");
        Assert.Equal(NewsroomRole.Administrator, admin.Role);
        Assert.True(Passwords.Verify(admin.PasswordHash, password, out _));
        Assert.NotEqual("admin", admin.Slug);
    }

    [Fact]
    public async Task AddCreatesAnAccountWithAGeneratedPasswordOrOneFromStdin()
    {
        Assert.Equal(0, (await Run("migrate")).ExitCode);

        var generated = await Run("user", "add", "Alice", "--role", "editor", "--name", "Alice Walker");
        var fromStdin = await RunWithInput("a-long-enough-secret\n", "user", "add", "bob", "--role", "contributor", "--password-stdin");
        var list = await Run("user", "list");

        Assert.Equal(0, generated.ExitCode);
        var password = Regex.Match(generated.Stdout, "shown only now: (\\S+)").Groups[1].Value;
        Assert.Equal(20, password.Length);
        Assert.True(Passwords.Verify((await UserAsync("alice")).PasswordHash, password, out _));
        Assert.Equal("alice-walker", (await UserAsync("alice")).Slug);
        Assert.Equal(0, fromStdin.ExitCode);
        Assert.DoesNotContain("shown only now", fromStdin.Stdout, StringComparison.Ordinal);
        Assert.True(Passwords.Verify((await UserAsync("bob")).PasswordHash, "a-long-enough-secret", out _));
        Assert.NotEqual("bob", (await UserAsync("bob")).Slug);
        Assert.Contains("alice\teditor\tAlice Walker\t/author/alice-walker/", list.Stdout, StringComparison.Ordinal);
        Assert.Contains("bob\tcontributor", list.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PasswordSetsANewOne()
    {
        Assert.Equal(0, (await Run("migrate")).ExitCode);
        await Run("user", "add", "carol", "--role", "author");
        var before = (await UserAsync("carol")).PasswordHash;
        string token;
        await using (var database = Database.Create(DatabaseUrl.Parse($"sqlite:{DatabasePath}")))
        {
            token = await new SessionStore(database, TimeProvider.System).CreateAsync((await UserAsync("carol")).Id, null, null);
        }

        var changed = await RunWithInput("carol's new passphrase\n", "user", "password", "carol", "--password-stdin");
        var nobody = await Run("user", "password", "nobody");

        Assert.Equal(0, changed.ExitCode);
        Assert.NotEqual(before, (await UserAsync("carol")).PasswordHash);
        Assert.True(Passwords.Verify((await UserAsync("carol")).PasswordHash, "carol's new passphrase", out _));
        Assert.Contains("Ended 1 session(s) of carol.", changed.Stdout, StringComparison.Ordinal);
        await using (var database = Database.Create(DatabaseUrl.Parse($"sqlite:{DatabasePath}")))
        {
            Assert.Null(await new SessionStore(database, TimeProvider.System).FindUserAsync(token));
        }
        Assert.Equal(1, nobody.ExitCode);
        Assert.StartsWith("gazette: There is no account 'nobody'", nobody.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, "gazette: --role must be one of", "user", "add", "dave", "--role", "king")]
    [InlineData(2, "gazette: Option '--role' is required.", "user", "add", "dave")]
    [InlineData(2, "gazette: LOGIN must be 2 to 60", "user", "add", "no spaces", "--role", "author")]
    [InlineData(1, "gazette: There is already an account 'admin'.", "user", "add", "ADMIN", "--role", "author")]
    public async Task BadAccountsAreRefusedWithOneLine(int exitCode, string expected, params string[] args)
    {
        Assert.Equal(0, (await Run("migrate")).ExitCode);
        await Run("user", "add", "admin", "--role", "administrator");
        var before = await CountAsync();

        var (code, _, stderr) = await Run(args);

        Assert.Equal(exitCode, code);
        Assert.StartsWith(expected, stderr, StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task AShortPasswordFromStdinIsRefused()
    {
        Assert.Equal(0, (await Run("migrate")).ExitCode);

        var (code, _, stderr) = await RunWithInput("short\n", "user", "add", "erin", "--role", "author", "--password-stdin");

        Assert.Equal(1, code);
        Assert.Equal($"gazette: A password needs at least {Passwords.MinLength} characters.", stderr.Trim());
        Assert.Equal(0, await CountAsync());
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> Run(params string[] args) => GazetteProcess.RunAsync(_folder, null, args);

    private Task<(int ExitCode, string Stdout, string Stderr)> RunWithInput(string input, params string[] args) => GazetteProcess.RunWithInputAsync(_folder, input, args);

    private async Task<User> UserAsync(string login)
    {
        await using var database = Database.Create(DatabaseUrl.Parse($"sqlite:{DatabasePath}"));
        return (await new UserStore(database, TimeProvider.System).FindByLoginAsync(login))!;
    }

    private async Task<int> CountAsync()
    {
        await using var database = Database.Create(DatabaseUrl.Parse($"sqlite:{DatabasePath}"));
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteScalarAsync<int>("select count(*) from users");
    }

    [GeneratedRegex("administrator: admin, one-time password (\\S+) ")]
    private static partial Regex OneTimePassword();
}
