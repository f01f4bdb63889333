using Dapper;
using Gazette.Accounts;
using Gazette.Tests.Infrastructure;
using Gazette.Web;
using Microsoft.Extensions.Time.Testing;

namespace Gazette.Tests.Storage;

/// <summary>
/// Application passwords on both databases: shown once in groups of four, only
/// their hash stored, accepted with or without spaces by login or email, never
/// the login password, last use written at most once a minute, revoked alone.
/// </summary>
public abstract class ApplicationPasswordStoreTests<TProvider>(TProvider provider) : IClassFixture<TProvider>
    where TProvider : DatabaseProvider
{
    private const string LoginPassword = "a password of some length";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));

    private ApplicationPasswordStore Store => new(provider.Database, _clock);

    [Fact]
    public async Task APasswordIsShownInGroupsOfFourAndOnlyItsHashIsStored()
    {
        var user = await NewUserAsync();

        var shown = await Store.CreateAsync(user.Id, "  Phone app  ");

        Assert.Matches("^([A-Za-z0-9]{4} ){5}[A-Za-z0-9]{4}$", shown);
        var listed = Assert.Single(await Store.ListAsync(user.Id));
        Assert.Equal("Phone app", listed.Name);
        Assert.Equal(_clock.GetUtcNow(), listed.CreatedAt);
        Assert.Null(listed.LastUsedAt);
        await using var connection = await provider.Database.OpenAsync();
        var stored = await connection.QuerySingleAsync<string>("select password_hash from application_passwords where uuid = @Uuid", new { listed.Uuid });
        Assert.DoesNotContain(shown.Replace(" ", "", StringComparison.Ordinal), stored, StringComparison.Ordinal);
        Assert.Equal(64, stored.Length);
    }

    [Fact]
    public async Task ItSignsInByLoginOrEmailWithOrWithoutSpacesButTheLoginPasswordNever()
    {
        var user = await NewUserAsync();
        var shown = await Store.CreateAsync(user.Id, "Script");

        Assert.Equal(user.Id, (await Store.AuthenticateAsync(user.Login, shown, "192.0.2.1"))?.Id);
        Assert.Equal(user.Id, (await Store.AuthenticateAsync(user.Email.ToUpperInvariant(), shown.Replace(" ", "", StringComparison.Ordinal), null))?.Id);
        Assert.Null(await Store.AuthenticateAsync(user.Login, LoginPassword, null));
        Assert.Null(await Store.AuthenticateAsync(user.Login, shown[..^1] + (shown[^1] == 'a' ? 'b' : 'a'), null));
        Assert.Null(await Store.AuthenticateAsync("nobody-" + user.Login, shown, null));
        var other = await NewUserAsync();
        Assert.Null(await Store.AuthenticateAsync(other.Login, shown, null));
    }

    [Fact]
    public async Task LastUseIsWrittenAtMostOnceAMinute()
    {
        var user = await NewUserAsync();
        var shown = await Store.CreateAsync(user.Id, "Poller");
        var first = _clock.GetUtcNow();

        await Store.AuthenticateAsync(user.Login, shown, "192.0.2.1");
        _clock.Advance(TimeSpan.FromSeconds(59));
        await Store.AuthenticateAsync(user.Login, shown, "192.0.2.2");
        var afterSeconds = Assert.Single(await Store.ListAsync(user.Id));
        _clock.Advance(TimeSpan.FromSeconds(1));
        await Store.AuthenticateAsync(user.Login, shown, "192.0.2.3");
        var afterAMinute = Assert.Single(await Store.ListAsync(user.Id));

        Assert.Equal(first, afterSeconds.LastUsedAt);
        Assert.Equal("192.0.2.1", afterSeconds.LastUsedIp);
        Assert.Equal(first.AddMinutes(1), afterAMinute.LastUsedAt);
        Assert.Equal("192.0.2.3", afterAMinute.LastUsedIp);
    }

    [Fact]
    public async Task ARevokedPasswordNoLongerSignsInAndTheOthersStill()
    {
        var user = await NewUserAsync();
        var revoked = await Store.CreateAsync(user.Id, "Old laptop");
        var kept = await Store.CreateAsync(user.Id, "New laptop");
        var uuid = (await Store.ListAsync(user.Id)).Single(password => password.Name == "Old laptop").Uuid;
        var other = await NewUserAsync();

        Assert.False(await Store.RevokeAsync(other.Id, uuid));
        Assert.True(await Store.RevokeAsync(user.Id, uuid));
        Assert.False(await Store.RevokeAsync(user.Id, uuid));

        Assert.Null(await Store.AuthenticateAsync(user.Login, revoked, null));
        Assert.NotNull(await Store.AuthenticateAsync(user.Login, kept, null));
        Assert.Equal("New laptop", Assert.Single(await Store.ListAsync(user.Id)).Name);
    }

    private async Task<User> NewUserAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var users = new UserStore(provider.Database, _clock);
        var id = await users.CreateAsync(new User
        {
            Login = "app" + tag,
            DisplayName = "App " + tag,
            Slug = "app-" + tag,
            Email = $"app{tag}@example.org",
            PasswordHash = Passwords.Hash(LoginPassword),
            Role = NewsroomRole.Author,
        });
        return (await users.FindByIdAsync(id))!;
    }
}

public sealed class ApplicationPasswordStoreTestsOnSqlite(SqliteProvider provider) : ApplicationPasswordStoreTests<SqliteProvider>(provider);

public sealed class ApplicationPasswordStoreTestsOnPostgres(PostgresProvider provider) : ApplicationPasswordStoreTests<PostgresProvider>(provider);

public sealed class ApplicationPasswordSecretTests
{
    [Fact]
    public void SecretsAre24LettersAndDigitsAndDiffer()
    {
        var secrets = Enumerable.Range(0, 50).Select(_ => ApplicationPasswordSecret.Generate()).ToList();

        Assert.All(secrets, secret => Assert.Matches("^[A-Za-z0-9]{24}$", secret));
        Assert.Equal(secrets.Count, secrets.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("YWRtaW46YWJjZCBFRkdI", "admin", "abcd EFGH")]
    [InlineData("ZUBleGFtcGxlLm9yZzpwYTpzcw==", "e@example.org", "pa:ss")]
    public void BasicCredentialsSplitAtTheFirstColon(string parameter, string login, string password) =>
        Assert.Equal((login, password), ApplicationPasswordHandler.Credentials(parameter));

    [Theory]
    [InlineData("not base64!")]
    [InlineData("bm9jb2xvbg==")]
    [InlineData("OnBhc3N3b3Jk")]
    [InlineData("")]
    public void MalformedBasicCredentialsAreRefused(string parameter) => Assert.Null(ApplicationPasswordHandler.Credentials(parameter));
}
