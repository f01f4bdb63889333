using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Gazette.Accounts;
using Gazette.Tests.Infrastructure;
using Gazette.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Accounts;

/// <summary>
/// Application passwords through the newsroom and over HTTP Basic auth: made by
/// name and shown once, refused field by field, revoked by their member or an
/// administrator; the APIs take them (never the login password), and the public
/// cache never serves or keeps an answer to a request that carries one.
/// </summary>
public sealed partial class ApplicationPasswordsTests(SqliteProvider provider) : SiteTestBase<SqliteProvider>(provider)
{
    private const string Page = "/admin/profile/application-passwords";

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<GazetteModule, CallerModule>();

    [Fact]
    public async Task AMemberMakesAPasswordShownOnceThatSignsInToTheApi()
    {
        using var member = await Newsroom.MemberAsync(Factory, "appmaker", NewsroomRole.Author);

        using var made = await Newsroom.PostFormAsync(member, Page, new() { ["name"] = "Desktop editor" });

        Assert.Equal(HttpStatusCode.OK, made.StatusCode);
        Assert.True(made.Headers.CacheControl?.NoStore);
        var password = PasswordShown().Match(await made.Content.ReadAsStringAsync()).Groups[1].Value;
        Assert.Matches("^([A-Za-z0-9]{4} ){5}[A-Za-z0-9]{4}$", password);
        var listing = await member.GetStringAsync(Page);
        Assert.Contains("Desktop editor", listing, StringComparison.Ordinal);
        Assert.DoesNotContain(password, listing, StringComparison.Ordinal);
        Assert.Contains("Never", listing, StringComparison.Ordinal);

        using var api = await CallAsync("/api/caller", Basic("appmaker", password));
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Equal("Appmaker author", await api.Content.ReadAsStringAsync());
        using var byEmail = await CallAsync("/api/caller", Basic("appmaker@example.test", password.Replace(" ", "", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.OK, byEmail.StatusCode);
        using var publicRoute = await CallAsync("/caller", Basic("appmaker", password));
        Assert.Equal("Appmaker author", await publicRoute.Content.ReadAsStringAsync());
        Assert.DoesNotContain("Never", await member.GetStringAsync(Page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheLoginPasswordAndUnknownCredentialsAreRefusedWithProblemJson()
    {
        await Newsroom.AddUserAsync(Factory, "plainlogin", NewsroomRole.Editor);

        foreach (var authorization in new[] { Basic("plainlogin", Newsroom.Password), Basic("nobody", "abcd efgh ijkl mnop qrst uvwx"), "Basic !!!", "Bearer abc" })
        {
            using var refused = await CallAsync("/api/caller", authorization);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Equal("Basic", refused.Headers.WwwAuthenticate.Single().Scheme);
        }
        using var anonymous = await CallAsync("/caller", Basic("plainlogin", Newsroom.Password));
        Assert.Equal("anonymous", await anonymous.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ABadNameKeepsWhatWasTypedWithTheErrorByTheField()
    {
        using var member = await Newsroom.MemberAsync(Factory, "badname", NewsroomRole.Contributor);
        var tooLong = new string('n', ApplicationPasswordStore.NameMaxLength + 1);

        using var empty = await Newsroom.PostFormAsync(member, Page, new() { ["name"] = "   " });
        using var longer = await Newsroom.PostFormAsync(member, Page, new() { ["name"] = tooLong });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        Assert.Contains("id=\"name-error\">Name the app or script", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, longer.StatusCode);
        var html = await longer.Content.ReadAsStringAsync();
        Assert.Contains($"value=\"{tooLong}\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"name-error\">A name has at most", html, StringComparison.Ordinal);
        Assert.DoesNotContain("shown only now", html, StringComparison.Ordinal);
        var user = await Factory.Services.GetRequiredService<UserStore>().FindByLoginAsync("badname");
        Assert.Empty(await Factory.Services.GetRequiredService<ApplicationPasswordStore>().ListAsync(user!.Id));
    }

    [Fact]
    public async Task AMemberRevokesTheirOwnAndAnAdministratorRevokesAnyonesFromTheUserPage()
    {
        using var member = await Newsroom.MemberAsync(Factory, "revoker", NewsroomRole.Author);
        using var admin = await Newsroom.MemberAsync(Factory, "overseer", NewsroomRole.Administrator);
        var store = Factory.Services.GetRequiredService<ApplicationPasswordStore>();
        var user = (await Factory.Services.GetRequiredService<UserStore>().FindByLoginAsync("revoker"))!;
        var own = await store.CreateAsync(user.Id, "Own script");
        var other = await store.CreateAsync(user.Id, "Leaked script");
        var ownUuid = (await store.ListAsync(user.Id)).Single(password => password.Name == "Own script").Uuid;
        var otherUuid = (await store.ListAsync(user.Id)).Single(password => password.Name == "Leaked script").Uuid;

        using var revoked = await Newsroom.PostFormAsync(member, Page, new() { ["uuid"] = ownUuid }, action: Page + "?handler=revoke");
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await CallAsync("/api/caller", Basic("revoker", own))).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync($"/admin/users/{user.Id}")).StatusCode);
        var userPage = await admin.GetStringAsync($"/admin/users/{user.Id}");
        Assert.Contains("Leaked script", userPage, StringComparison.Ordinal);
        using var byAdmin = await Newsroom.PostFormAsync(admin, $"/admin/users/{user.Id}", new() { ["uuid"] = otherUuid }, action: $"/admin/users/{user.Id}?handler=revoke");
        Assert.Equal(HttpStatusCode.Redirect, byAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await CallAsync("/api/caller", Basic("revoker", other))).StatusCode);
        Assert.Empty(await store.ListAsync(user.Id));
    }

    [Fact]
    public async Task ThePasswordPageLeadsToApplicationPasswords()
    {
        using var member = await Newsroom.MemberAsync(Factory, "finder", NewsroomRole.Contributor);

        Assert.Contains($"href=\"{Page}\"", await member.GetStringAsync("/admin/profile/password"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAuthenticatedWordPressApiRequestIsNeverServedFromNorStoredInThePageCache()
    {
        await Newsroom.AddUserAsync(Factory, "cachecheck", NewsroomRole.Editor);
        var user = (await Factory.Services.GetRequiredService<UserStore>().FindByLoginAsync("cachecheck"))!;
        var password = await Factory.Services.GetRequiredService<ApplicationPasswordStore>().CreateAsync(user.Id, "Cache check");
        const string path = "/wp-json/wp/v2/posts?per_page=3";

        using var authenticatedFirst = await CallAsync(path, Basic("cachecheck", password));
        using var anonymous = await CallAsync(path, null);
        using var anonymousAgain = await CallAsync(path, null);
        using var authenticated = await CallAsync(path, Basic("cachecheck", password));
        using var wrong = await CallAsync(path, Basic("cachecheck", "wrong"));

        Assert.Equal(HttpStatusCode.OK, authenticatedFirst.StatusCode);
        Assert.Null(anonymous.Headers.Age);
        Assert.NotNull(anonymousAgain.Headers.Age);
        foreach (var response in new[] { authenticatedFirst, authenticated, wrong })
        {
            Assert.Null(response.Headers.Age);
            Assert.True(response.Headers.CacheControl?.NoStore);
            Assert.True(response.Headers.CacheControl?.Private);
        }
    }

    private static string Basic(string login, string password) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(login + ":" + password));

    private async Task<HttpResponseMessage> CallAsync(string path, string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }
        return await Client.SendAsync(request);
    }

    [GeneratedRegex("shown only now: <code>([^<]+)</code>")]
    private static partial Regex PasswordShown();

    /// <summary>Who the API group and a public API route say the caller is.</summary>
    private sealed class CallerModule : GazetteModule
    {
        public override void MapEndpoints(RouteGroups groups)
        {
            groups.Api.MapGet("/caller", (HttpContext context) => NewsroomUser.From(context.User) is { } user ? $"{user.Name} {user.Role}" : "none");
            groups.PublicApi.MapGet("/caller", async (HttpContext context) => await NewsroomUser.ApiCallerAsync(context) is { } user ? $"{user.Name} {user.Role}" : "anonymous");
        }
    }
}
