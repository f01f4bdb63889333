using Gazette.Web;
using Dapper;
using Gazette.Accounts;
using Gazette.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Gazette.Tests.Storage;

/// <summary>
/// Sessions kept on the server and failed logins counted per account and
/// address, on both databases, with a clock the test moves.
/// </summary>
public abstract class SessionStoreTests<TProvider>(TProvider provider) : IClassFixture<TProvider>
    where TProvider : DatabaseProvider
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero));

    private SessionStore Sessions => new(provider.Database, _clock);

    private LoginThrottle Throttle => new(provider.Database, _clock);

    [Fact]
    public async Task ASessionFindsItsUserUntilItIsEndedAndOnlyItsHashIsStored()
    {
        var user = await NewUserAsync();
        var token = await Sessions.CreateAsync(user, "192.0.2.7", "Test browser");

        Assert.Equal(user, (await Sessions.FindUserAsync(token))?.Id);
        Assert.Null(await Sessions.FindUserAsync(token + "x"));
        await using (var connection = await provider.Database.OpenAsync())
        {
            Assert.Equal(0, await connection.ExecuteScalarAsync<int>("select count(*) from sessions where id = @token", new { token }));
        }
        await Sessions.EndAsync(token);
        Assert.Null(await Sessions.FindUserAsync(token));
    }

    [Fact]
    public async Task ASessionEndsAfter12IdleHoursOr14DaysInAll()
    {
        var user = await NewUserAsync();
        var idle = await Sessions.CreateAsync(user, null, null);
        var busy = await Sessions.CreateAsync(user, null, null);

        _clock.Advance(TimeSpan.FromHours(11));
        Assert.NotNull(await Sessions.FindUserAsync(busy));
        _clock.Advance(TimeSpan.FromHours(2));
        Assert.Null(await Sessions.FindUserAsync(idle));

        // Used every 9 hours, it lives until 14 days (336 hours) after it began.
        for (var hours = 13; hours + 9 < 336; hours += 9)
        {
            _clock.Advance(TimeSpan.FromHours(9));
            Assert.NotNull(await Sessions.FindUserAsync(busy));
        }
        _clock.Advance(TimeSpan.FromHours(9));
        Assert.Null(await Sessions.FindUserAsync(busy));
        Assert.True(await Sessions.PruneAsync() >= 2);
    }

    [Fact]
    public async Task APasswordChangeEndsEverySessionButTheOneMakingIt()
    {
        var user = await NewUserAsync();
        var other = await NewUserAsync();
        var here = await Sessions.CreateAsync(user, null, null);
        var elsewhere = await Sessions.CreateAsync(user, null, null);
        var someoneElse = await Sessions.CreateAsync(other, null, null);

        Assert.Equal(1, await Sessions.EndAllAsync(user, keepToken: here));

        Assert.NotNull(await Sessions.FindUserAsync(here));
        Assert.Null(await Sessions.FindUserAsync(elsewhere));
        Assert.NotNull(await Sessions.FindUserAsync(someoneElse));
        Assert.Equal(1, await Sessions.EndAllAsync(user));
    }

    [Fact]
    public async Task FiveFailuresFromOneAddressSlowThatAddressOnlyAndASuccessClearsThem()
    {
        var login = "editor-" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < LoginThrottle.FreeFailures - 1; i++)
        {
            await Throttle.RecordFailureAsync(login, "203.0.113.9");
        }
        Assert.Equal(TimeSpan.Zero, await Throttle.WaitAsync(login, "203.0.113.9"));

        await Throttle.RecordFailureAsync(login, "203.0.113.9");
        Assert.Equal(TimeSpan.FromSeconds(30), await Throttle.WaitAsync(login.ToUpperInvariant(), "203.0.113.9"));
        Assert.Equal(TimeSpan.Zero, await Throttle.WaitAsync(login, "192.0.2.1"));

        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(TimeSpan.Zero, await Throttle.WaitAsync(login, "203.0.113.9"));
        await Throttle.RecordFailureAsync(login, "203.0.113.9");
        Assert.Equal(TimeSpan.FromMinutes(1), await Throttle.WaitAsync(login, "203.0.113.9"));

        await Throttle.ClearAsync(login, "203.0.113.9");
        Assert.Equal(TimeSpan.Zero, await Throttle.WaitAsync(login, "203.0.113.9"));
    }

    private async Task<long> NewUserAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        return await new UserStore(provider.Database, _clock).CreateAsync(new User
        {
            Login = "user" + tag,
            DisplayName = "User " + tag,
            Slug = "user-" + tag,
            Email = $"user{tag}@example.org",
            PasswordHash = Passwords.Hash("a password of some length"),
            Role = NewsroomRole.Author,
        });
    }
}

public sealed class SessionStoreTestsOnSqlite(SqliteProvider provider) : SessionStoreTests<SqliteProvider>(provider);

public sealed class SessionStoreTestsOnPostgres(PostgresProvider provider) : SessionStoreTests<PostgresProvider>(provider);

public sealed class LoginThrottleRuleTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(4, 0)]
    [InlineData(5, 30)]
    [InlineData(6, 60)]
    [InlineData(7, 120)]
    [InlineData(8, 240)]
    [InlineData(9, 480)]
    [InlineData(10, 900)]
    [InlineData(1000, 900)]
    public void TheDelayDoublesFromTheFifthFailureUpTo15Minutes(int failures, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), LoginThrottle.DelayAfter(failures));
}
