using System.Net;
using Dapper;
using Gazette.Accounts;
using Gazette.Tests.Infrastructure;
using Gazette.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Accounts;

/// <summary>
/// One-time links to set a password, on both databases: the link names the
/// site's address, sets the password once, keeps nothing typed wrong silent,
/// expires after a week, and a wrong or spent link gets a page that says so.
/// </summary>
public abstract class PasswordLinkTests<TProvider>(TProvider provider) : SiteTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    protected override void Configure(Dictionary<string, string?> settings) => settings["Gazette:Site:BaseUrl"] = "https://news.example.org/";

    [Fact]
    public async Task ALinkSetsThePasswordOnce()
    {
        var ada = await Newsroom.AddUserAsync(Factory, "ada", NewsroomRole.Author, password: null);
        var link = await Factory.Services.GetRequiredService<PasswordLinks>().IssueAsync(ada.Id);
        Assert.StartsWith("https://news.example.org/admin/welcome/", link, StringComparison.Ordinal);
        var path = new Uri(link).AbsolutePath;

        var (status, html, _) = await GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Welcome, Ada", html, StringComparison.Ordinal);

        using (var tooShort = await Newsroom.PostFormAsync(Client, path, new() { ["new"] = "short", ["confirm"] = "short" }))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, tooShort.StatusCode);
            Assert.Contains($"<span class=\"error\" id=\"new-error\">A password needs at least {Passwords.MinLength} characters.</span>", await tooShort.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using (var differ = await Newsroom.PostFormAsync(Client, path, new() { ["new"] = "the password I chose", ["confirm"] = "the password I chase" }))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, differ.StatusCode);
            Assert.Contains("<span class=\"error\" id=\"confirm-error\">The two passwords differ.</span>", await differ.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var set = await Newsroom.PostFormAsync(Client, path, new() { ["new"] = "the password I chose", ["confirm"] = "the password I chose" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
            Assert.Equal("/admin/login?welcome=1", set.Headers.Location!.OriginalString);
        }
        (await Newsroom.SignInAsync(Factory, "ada", "the password I chose")).Dispose();

        (status, html, _) = await GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("This link is not valid", html, StringComparison.Ordinal);
        using var again = await Newsroom.PostFormAsync(Client, "/admin/login", [], action: path);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task ALinkExpiresAfterAWeekAndANewOneReplacesTheOld()
    {
        var grace = await Newsroom.AddUserAsync(Factory, "grace", NewsroomRole.Author, password: null);
        var links = Factory.Services.GetRequiredService<PasswordLinks>();
        var first = new Uri(await links.IssueAsync(grace.Id)).AbsolutePath;
        var second = new Uri(await links.IssueAsync(grace.Id)).AbsolutePath;

        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(first)).Status);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(second)).Status);

        Factory.Clock.Advance(PasswordLinks.Lifetime + TimeSpan.FromMinutes(1));
        var (status, html, _) = await GetAsync(second);
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("it has expired", html, StringComparison.Ordinal);
        await using var connection = await Provider.Database.OpenAsync();
        Assert.Equal("", await connection.ExecuteScalarAsync<string>("select password_hash from users where login = 'grace'"));
    }

    [Fact]
    public async Task AWrongTokenGetsAClearPageAndNoTokenIsStored()
    {
        var hopper = await Newsroom.AddUserAsync(Factory, "hopper", NewsroomRole.Author, password: null);
        var link = await Factory.Services.GetRequiredService<PasswordLinks>().IssueAsync(hopper.Id);

        var (status, html, response) = await GetAsync("/admin/welcome/not-a-token");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("This link is not valid", html, StringComparison.Ordinal);
        Assert.Contains("gazette user invite LOGIN", html, StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.NoStore);
        await using var connection = await Provider.Database.OpenAsync();
        var stored = await connection.ExecuteScalarAsync<string>("select id from password_links where user_id = @Id", new { hopper.Id });
        Assert.DoesNotContain(stored!, link, StringComparison.Ordinal);
    }
}

public sealed class PasswordLinkTestsOnSqlite(SqliteProvider provider) : PasswordLinkTests<SqliteProvider>(provider);

public sealed class PasswordLinkTestsOnPostgres(PostgresProvider provider) : PasswordLinkTests<PostgresProvider>(provider);
