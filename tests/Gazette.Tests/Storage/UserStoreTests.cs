using Gazette.Web;
using Gazette.Accounts;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Storage;

public abstract class UserStoreTests<TProvider>(TProvider provider) : IClassFixture<TProvider>
    where TProvider : DatabaseProvider
{
    private UserStore Store => new(provider.Database, TimeProvider.System);

    [Fact]
    public async Task UserRoundTripsAndIsFoundByLoginOrEmailInAnyCase()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var id = await Store.CreateAsync(NewUser($"Editor{tag}", $"Jane.Doe.{tag}@Example.org"));

        var byLogin = await Store.FindByLoginAsync($"  EDITOR{tag.ToUpperInvariant()} ");
        var byEmail = await Store.FindByEmailAsync($"jane.doe.{tag}@EXAMPLE.ORG");

        Assert.NotNull(byLogin);
        Assert.Equal(id, byLogin.Id);
        Assert.Equal($"editor{tag}", byLogin.Login);
        Assert.Equal($"jane.doe.{tag}@example.org", byLogin.Email);
        Assert.Equal("Jane Doe", byLogin.DisplayName);
        Assert.Equal(NewsroomRole.Editor, byLogin.Role);
        Assert.Null(byLogin.LockedUntil);
        Assert.Equal(id, byEmail?.Id);
        Assert.True(await Store.AnyAsync());
    }

    [Fact]
    public async Task LoginsDifferingOnlyInCaseCollide()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        await Store.CreateAsync(NewUser($"writer{tag}", $"a{tag}@example.org"));

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => Store.CreateAsync(NewUser($"WRITER{tag}", $"b{tag}@example.org")));
    }

    [Fact]
    public async Task EveryRoleIsStoredAndNoOther()
    {
        foreach (var role in NewsroomRole.All)
        {
            var tag = Guid.NewGuid().ToString("N")[..8];
            await Store.CreateAsync(NewUser($"{role}{tag}", $"{role}{tag}@example.org") with { Role = role });
            Assert.Equal(role, (await Store.FindByLoginAsync($"{role}{tag}"))!.Role);
        }
        var other = Guid.NewGuid().ToString("N")[..8];
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => Store.CreateAsync(NewUser($"king{other}", $"king{other}@example.org") with { Role = "king" }));
    }

    [Fact]
    public async Task ANewPasswordReplacesTheOldAndClearsFailures()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        await Store.CreateAsync(NewUser($"changer{tag}", $"changer{tag}@example.org") with { PasswordHash = Passwords.Hash("the first password") });

        Assert.True(await Store.SetPasswordHashAsync($"CHANGER{tag}", Passwords.Hash("the second password")));
        Assert.False(await Store.SetPasswordHashAsync($"nobody{tag}", Passwords.Hash("the second password")));
        var stored = (await Store.FindByLoginAsync($"changer{tag}"))!;
        Assert.True(Passwords.Verify(stored.PasswordHash, "the second password", out _));
        Assert.False(Passwords.Verify(stored.PasswordHash, "the first password", out _));
        Assert.Equal(0, stored.FailedLogins);
    }

    private static User NewUser(string login, string email) => new()
    {
        Login = login,
        DisplayName = "Jane Doe",
        Slug = "jane-doe-" + Guid.NewGuid().ToString("N")[..8],
        Email = email,
        PasswordHash = "AQAAAAIAAYagAAAAE...",
        Role = NewsroomRole.Editor,
    };
}

public sealed class UserStoreTestsOnSqlite(SqliteProvider provider) : UserStoreTests<SqliteProvider>(provider);

public sealed class UserStoreTestsOnPostgres(PostgresProvider provider) : UserStoreTests<PostgresProvider>(provider);
