using System.Net;
using System.Text.RegularExpressions;
using Gazette.Accounts;
using Gazette.Tests.Infrastructure;
using Gazette.Web;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Accounts;

/// <summary>Administrators manage accounts from the newsroom: add (a password shown once), edit, give a new password; always one administrator left.</summary>
public sealed partial class UsersPageTests(SqliteProvider provider) : SiteTestBase<SqliteProvider>(provider)
{
    [Fact]
    public async Task AnAdministratorAddsAnAuthorWhoSignsInWithThePasswordShownOnce()
    {
        using var admin = await Newsroom.MemberAsync(Factory, "chief", NewsroomRole.Administrator);

        using var added = await Newsroom.PostFormAsync(admin, "/admin/users", new() { ["login"] = "Rita.Reporter", ["name"] = "Rita Reporter", ["email"] = "rita@example.org", ["role"] = NewsroomRole.Author });

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var html = await added.Content.ReadAsStringAsync();
        var password = PasswordShown().Match(html).Groups[1].Value;
        Assert.Equal(20, password.Length);
        var rita = await Factory.Services.GetRequiredService<UserStore>().FindByLoginAsync("rita.reporter");
        Assert.Equal(NewsroomRole.Author, rita!.Role);
        Assert.Equal("rita-reporter", rita.Slug);
        using var client = await Newsroom.SignInAsync(Factory, "rita.reporter", password);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/admin/users")).StatusCode);
    }

    [Fact]
    public async Task ABadAccountIsRefusedFieldByFieldWithWhatWasTypedKept()
    {
        using var admin = await Newsroom.MemberAsync(Factory, "boss", NewsroomRole.Administrator);

        using var refused = await Newsroom.PostFormAsync(admin, "/admin/users", new() { ["login"] = "boss", ["name"] = "Second Boss", ["email"] = "not an address", ["role"] = "owner" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("id=\"login-error\">There is already an account &#x27;boss&#x27;.", html, StringComparison.Ordinal);
        Assert.Contains("id=\"email-error\">Enter an email address such as name@example.org.", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Second Boss\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"not an address\"", html, StringComparison.Ordinal);
        Assert.Single(await Factory.Services.GetRequiredService<UserStore>().ListAsync(), user => user.Login == "boss");
    }

    [Fact]
    public async Task TheLastAdministratorCannotStepDownButCanOnceThereIsAnother()
    {
        using var admin = await Newsroom.MemberAsync(Factory, "solo", NewsroomRole.Administrator);
        var users = Factory.Services.GetRequiredService<UserStore>();
        foreach (var other in (await users.ListAsync()).Where(user => user.Role == NewsroomRole.Administrator && user.Login != "solo"))
        {
            Assert.True(await users.UpdateProfileAsync(other.Id, other.DisplayName, other.Email, NewsroomRole.Editor));
        }
        var solo = (await users.FindByLoginAsync("solo"))!;

        using var refused = await Newsroom.PostFormAsync(admin, $"/admin/users/{solo.Id}", new() { ["name"] = "Solo", ["email"] = solo.Email, ["role"] = NewsroomRole.Editor });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("at least one administrator", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(NewsroomRole.Administrator, (await users.FindByIdAsync(solo.Id))!.Role);

        await Newsroom.AddUserAsync(Factory, "deputy", NewsroomRole.Administrator);
        using var stepped = await Newsroom.PostFormAsync(admin, $"/admin/users/{solo.Id}", new() { ["name"] = "Solo", ["email"] = solo.Email, ["role"] = NewsroomRole.Editor });
        Assert.Equal(HttpStatusCode.Redirect, stepped.StatusCode);
        // The role applies at the next click: the session is looked up on every request.
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("/admin/users")).StatusCode);
    }

    [Fact]
    public async Task ANewPasswordEndsTheAccountsSessions()
    {
        using var admin = await Newsroom.MemberAsync(Factory, "keeper", NewsroomRole.Administrator);
        var writer = await Newsroom.AddUserAsync(Factory, "writer", NewsroomRole.Contributor);
        using var writerClient = await Newsroom.SignInAsync(Factory, "writer");
        Assert.Equal(HttpStatusCode.OK, (await writerClient.GetAsync("/admin/")).StatusCode);

        using var reset = await Newsroom.PostFormAsync(admin, $"/admin/users/{writer.Id}", [], action: $"/admin/users/{writer.Id}?handler=password");

        var password = PasswordShown().Match(await reset.Content.ReadAsStringAsync()).Groups[1].Value;
        Assert.Equal(20, password.Length);
        Assert.Equal(HttpStatusCode.Redirect, (await writerClient.GetAsync("/admin/")).StatusCode);
        using var again = await Newsroom.SignInAsync(Factory, "writer", password);
    }

    [GeneratedRegex("shown only now: <code>([^<]+)</code>")]
    private static partial Regex PasswordShown();
}
