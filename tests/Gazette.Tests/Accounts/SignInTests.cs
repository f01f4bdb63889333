using System.Net;
using Gazette.Tests.Infrastructure;
using Gazette.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Accounts;

/// <summary>
/// Signing in to the newsroom through its real login form: sessions on the
/// server behind the cookie (logout and a password change end them), failed
/// logins throttled per account and address, roles refused with a 403.
/// </summary>
public sealed class SignInTests(SqliteProvider provider) : SiteTestBase<SqliteProvider>(provider)
{
    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<GazetteModule, RoleTestModule>();

    [Fact]
    public async Task TheLoginPageHasTheFormWordPressToolsLookFor()
    {
        var (status, html, response) = await GetAsync("/admin/login");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<form id=\"loginform\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"login\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"password\"", html, StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task AnAnonymousVisitorIsSentToTheLoginPageAndBackAfterSigningIn()
    {
        await Newsroom.AddUserAsync(Factory, "ada", NewsroomRole.Editor);

        var (status, _, response) = await GetAsync("/admin/profile/password");
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal("/admin/login", response.Headers.Location!.AbsolutePath);
        Assert.Contains("ReturnUrl=%2Fadmin%2Fprofile%2Fpassword", response.Headers.Location.Query, StringComparison.Ordinal);

        using var login = await Newsroom.PostFormAsync(Client, "/admin/login", new() { ["login"] = "ada", ["password"] = Newsroom.Password, ["returnUrl"] = "/admin/profile/password" });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/admin/profile/password", login.Headers.Location!.OriginalString);
        var cookie = login.Headers.GetValues("Set-Cookie").Single(value => value.StartsWith(SignIn.CookieName, StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires=", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task OverHttpsTheCookieIsSecure()
    {
        await Newsroom.AddUserAsync(Factory, "hopper", NewsroomRole.Author);
        using var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });

        using var login = await Newsroom.PostLoginAsync(client, "hopper", Newsroom.Password);

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Contains("secure", login.Headers.GetValues("Set-Cookie").Single(value => value.StartsWith(SignIn.CookieName, StringComparison.Ordinal)), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AWrongPasswordAndAnUnknownLoginGetTheSameAnswerAndKeepTheLogin()
    {
        await Newsroom.AddUserAsync(Factory, "grace", NewsroomRole.Author);

        using var wrong = await Newsroom.PostLoginAsync(Client, "grace", "not the password");
        using var unknown = await Newsroom.PostLoginAsync(Client, "nobody", "not the password");

        foreach (var (response, login) in new[] { (wrong, "grace"), (unknown, "nobody") })
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("The login or password is not right.", html, StringComparison.Ordinal);
            Assert.Contains($"value=\"{login}\"", html, StringComparison.Ordinal);
            Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(value => value.StartsWith(SignIn.CookieName + "=", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task AReturnAddressOffTheNewsroomIsIgnored()
    {
        await Newsroom.AddUserAsync(Factory, "lovelace", NewsroomRole.Author);

        foreach (var target in new[] { "//evil.example/", "https://evil.example/admin", "/\\evil.example", "/2024/01/story/" })
        {
            using var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            using var login = await Newsroom.PostFormAsync(client, "/admin/login", new() { ["login"] = "lovelace", ["password"] = Newsroom.Password, ["returnUrl"] = target });
            Assert.Equal("/admin/", login.Headers.Location!.OriginalString);
        }
    }

    [Fact]
    public async Task AfterLogoutTheOldCookieLandsOnTheLoginPage()
    {
        await Newsroom.AddUserAsync(Factory, "turing", NewsroomRole.Editor);
        var (client, cookie) = await SignInWithCookieAsync("turing");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/")).StatusCode);

        using var logout = await Newsroom.PostFormAsync(client, "/admin/", [], action: "/admin/logout");
        Assert.Equal("/admin/login?loggedout=true", logout.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.Redirect, (await ReplayAsync(cookie, "/admin/")).StatusCode);
        client.Dispose();
    }

    [Fact]
    public async Task LogoutIsAPostNeverAGet()
    {
        using var client = await Newsroom.MemberAsync(Factory, "dijkstra", NewsroomRole.Author);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/logout")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/")).StatusCode);
        using var forged = await client.PostAsync("/admin/logout", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/")).StatusCode);
    }

    [Fact]
    public async Task ChangingThePasswordEndsTheOtherSessionsButNotThisOne()
    {
        await Newsroom.AddUserAsync(Factory, "knuth", NewsroomRole.Editor);
        using var laptop = await Newsroom.SignInAsync(Factory, "knuth");
        var (phone, phoneCookie) = await SignInWithCookieAsync("knuth");
        phone.Dispose();

        using var refused = await Newsroom.PostFormAsync(laptop, "/admin/profile/password", new() { ["current"] = "wrong", ["new"] = "short", ["confirm"] = "short" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("This is not your current password.", html, StringComparison.Ordinal);
        Assert.Contains("A password needs at least 12 characters.", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await ReplayAsync(phoneCookie, "/admin/")).StatusCode);

        using var changed = await Newsroom.PostFormAsync(laptop, "/admin/profile/password", new() { ["current"] = Newsroom.Password, ["new"] = "a brand new passphrase", ["confirm"] = "a brand new passphrase" });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/admin/")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ReplayAsync(phoneCookie, "/admin/")).StatusCode);
        using var again = await Newsroom.PostLoginAsync(Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }), "knuth", Newsroom.Password);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        using var fresh = await Newsroom.SignInAsync(Factory, "knuth", "a brand new passphrase");
    }

    [Fact]
    public async Task FiveFailuresMakeThatAddressWaitWhileTheOwnerElsewhereStillGetsIn()
    {
        await Newsroom.AddUserAsync(Factory, "hamilton", NewsroomRole.Editor);
        const string stranger = "203.0.113.9";
        for (var i = 0; i < 5; i++)
        {
            using var failed = await Newsroom.PostLoginAsync(Client, "hamilton", "guess " + i, stranger);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, failed.StatusCode);
        }

        using var throttled = await Newsroom.PostLoginAsync(Client, "hamilton", Newsroom.Password, stranger);
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Contains("Too many failed attempts", await throttled.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Another node over the same database sees the same count.
        await using (var otherNode = new GazetteFactory(Provider))
        {
            using var client = otherNode.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            using var alsoThrottled = await Newsroom.PostLoginAsync(client, "hamilton", Newsroom.Password, stranger);
            Assert.Equal(HttpStatusCode.TooManyRequests, alsoThrottled.StatusCode);
        }

        using var owner = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var ownLogin = await Newsroom.PostLoginAsync(owner, "hamilton", Newsroom.Password, "198.51.100.4");
        Assert.Equal(HttpStatusCode.Redirect, ownLogin.StatusCode);

        Factory.Clock.Advance(TimeSpan.FromSeconds(31));
        using var afterWaiting = await Newsroom.PostLoginAsync(Client, "hamilton", Newsroom.Password, stranger);
        Assert.Equal(HttpStatusCode.Redirect, afterWaiting.StatusCode);
    }

    [Fact]
    public async Task AnAccountWithoutAPasswordCannotSignIn()
    {
        await Newsroom.AddUserAsync(Factory, "imported", NewsroomRole.Author, password: null);

        using var response = await Newsroom.PostLoginAsync(Client, "imported", "");
        using var guessed = await Newsroom.PostLoginAsync(Client, "imported", "anything at all");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, guessed.StatusCode);
    }

    [Theory]
    [InlineData(NewsroomRole.Contributor, "/admin/test/editors", HttpStatusCode.Forbidden)]
    [InlineData(NewsroomRole.Author, "/admin/test/editors", HttpStatusCode.Forbidden)]
    [InlineData(NewsroomRole.Editor, "/admin/test/editors", HttpStatusCode.OK)]
    [InlineData(NewsroomRole.Editor, "/admin/test/administrators", HttpStatusCode.Forbidden)]
    [InlineData(NewsroomRole.Administrator, "/admin/test/administrators", HttpStatusCode.OK)]
    [InlineData(NewsroomRole.Contributor, "/admin/", HttpStatusCode.OK)]
    public async Task ARouteARoleMayNotUseAnswers403(string role, string path, HttpStatusCode expected)
    {
        using var client = await Newsroom.MemberAsync(Factory, "member-" + role + "-" + path.Length, role);

        using var response = await client.GetAsync(path);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Forbidden)
        {
            Assert.Contains("Your role does not allow this page.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    private async Task<(HttpClient Client, string Cookie)> SignInWithCookieAsync(string login)
    {
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var response = await Newsroom.PostLoginAsync(client, login, Newsroom.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(value => value.StartsWith(SignIn.CookieName + "=", StringComparison.Ordinal));
        return (client, cookie[..cookie.IndexOf(';', StringComparison.Ordinal)]);
    }

    private async Task<HttpResponseMessage> ReplayAsync(string cookie, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await Client.SendAsync(request);
    }

    private sealed class RoleTestModule : GazetteModule
    {
        public override void MapEndpoints(RouteGroups groups)
        {
            groups.Admin.MapGet("/test/editors", () => Results.Text("editors")).RequireAuthorization(NewsroomRole.Policies.Editors);
            groups.Admin.MapGet("/test/administrators", () => Results.Text("administrators")).RequireAuthorization(NewsroomRole.Policies.Administrators);
        }
    }
}
