using System.Net;
using System.Text.RegularExpressions;
using Gazette.Accounts;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Infrastructure;

/// <summary>
/// Newsroom members for HTTP tests, signed in the real way: an account in the
/// store, then the login form posted with its antiforgery token, each member
/// in a client of its own (its own cookies).
/// </summary>
public static partial class Newsroom
{
    public const string Password = "a long enough password";

    public static async Task<User> AddUserAsync(GazetteFactory factory, string login, string role, string? password = Password)
    {
        var users = factory.Services.GetRequiredService<UserStore>();
        await users.CreateAsync(new User
        {
            Login = login,
            DisplayName = char.ToUpperInvariant(login[0]) + login[1..],
            Slug = UserCommand.AuthorSlug(login, login),
            Email = $"{login}@example.test",
            PasswordHash = password is null ? "" : Passwords.Hash(password),
            Role = role,
        });
        return (await users.FindByLoginAsync(login))!;
    }

    /// <summary>A new client signed in as <paramref name="login"/>; the login must succeed.</summary>
    public static async Task<HttpClient> SignInAsync(GazetteFactory factory, string login, string password = Password)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var response = await PostLoginAsync(client, login, password);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"login of {login} answered {(int)response.StatusCode}");
        return client;
    }

    /// <summary>A member of <paramref name="role"/>, made and signed in.</summary>
    public static async Task<HttpClient> MemberAsync(GazetteFactory factory, string login, string role)
    {
        await AddUserAsync(factory, login, role);
        return await SignInAsync(factory, login);
    }

    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string login, string password, string? address = null) =>
        await PostFormAsync(client, "/admin/login", new() { ["login"] = login, ["password"] = password }, address);

    /// <summary>Opens <paramref name="page"/> for its form's antiforgery token, then posts <paramref name="fields"/> to it (or to <paramref name="action"/>).</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, Dictionary<string, string> fields, string? address = null, string? action = null)
    {
        var token = await FormTokenAsync(client, page, address);
        using var request = new HttpRequestMessage(HttpMethod.Post, action ?? page)
        {
            Content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))),
        };
        if (address is not null)
        {
            request.Headers.Add(GazetteFactory.ClientAddressHeader, address);
        }
        return await client.SendAsync(request);
    }

    public static async Task<string> FormTokenAsync(HttpClient client, string page, string? address = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, page);
        if (address is not null)
        {
            request.Headers.Add(GazetteFactory.ClientAddressHeader, address);
        }
        using var response = await client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();
        var match = TokenPattern().Match(html);
        Assert.True(match.Success, $"{page} ({(int)response.StatusCode}) has no antiforgery token");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>
    /// Every form of <paramref name="html"/> that posts carries its own antiforgery token: a browser
    /// sends only its form's fields, while <see cref="PostFormAsync"/> takes a token from anywhere on the page.
    /// </summary>
    public static void AssertEveryFormHasItsToken(string html)
    {
        var forms = PostForm().Matches(html);
        Assert.NotEmpty(forms);
        Assert.All(forms, form => Assert.Matches(TokenPattern(), form.Value));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("<form method=\"post\".*?</form>", RegexOptions.Singleline)]
    private static partial Regex PostForm();
}
