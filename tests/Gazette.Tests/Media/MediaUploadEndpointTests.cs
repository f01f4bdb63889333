using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Gazette.Media;
using Gazette.Tests.Infrastructure;
using Gazette.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gazette.Tests.Media;

/// <summary>
/// POST /admin/media as the drag-and-drop script sends it: multipart with
/// <c>file</c> and <c>alt</c>, the antiforgery token in its header. Signing in
/// is one method (<see cref="SignedIn"/>), to follow the newsroom's sessions as they change.
/// </summary>
public sealed class MediaUploadEndpointTests(SqliteProvider provider) : SiteTestBase<SqliteProvider>(provider)
{
    private readonly string _folder = Path.Combine(SqliteProvider.Root, "media-" + Guid.NewGuid().ToString("N"));

    protected override void Configure(Dictionary<string, string?> settings) => settings[MediaFolder.Key] = _folder;

    [Fact]
    public async Task AnAuthorsUploadAnswers201WithTheUrlAndSrcset()
    {
        var response = await Client.SendAsync(await SignedIn(NewsroomRole.Author, Form(TestImages.Jpeg(1300, 700), "The pier")));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var url = body.GetProperty("url").GetString()!;
        Assert.Matches("^/media/[0-9a-f]{32}\\.jpg$", url);
        Assert.Equal(url, response.Headers.Location?.OriginalString);
        Assert.Equal($"{url[..^4]}-480.webp 480w, {url[..^4]}-960.webp 960w, {url} 1300w", body.GetProperty("srcset").GetString());
        Assert.Equal($"![The pier]({url})", body.GetProperty("markdown").GetString());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync(new Uri(url, UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task AWrongFileAndNoAltAnswerProblemJsonWithTheErrorsByField()
    {
        var response = await Client.SendAsync(await SignedIn(NewsroomRole.Author, Form("<html>"u8.ToArray(), "")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(ImageIntake.NotAnImage, errors.GetProperty("file")[0].GetString());
        Assert.Contains("alt text", errors.GetProperty("alt")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADeclaredBodyOver10MBIsRefusedBeforeItIsRead()
    {
        var request = await SignedIn(NewsroomRole.Author, Form(new byte[ImageIntake.MaxBytes + 1], "Alt"));

        var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(ImageIntake.TooLarge, errors.GetProperty("file")[0].GetString());
    }

    [Fact]
    public async Task AContributorIsRefused()
    {
        var response = await Client.SendAsync(await SignedIn(NewsroomRole.Contributor, Form(TestImages.Png(100, 100), "Alt")));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task WithoutTheAntiforgeryTokenNothingIsStored()
    {
        var request = await SignedIn(NewsroomRole.Author, Form(TestImages.Png(120, 100), "Alt"));
        request.Headers.Remove("RequestVerificationToken");

        var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(Directory.Exists(_folder) && Directory.GetFiles(_folder, "*", SearchOption.AllDirectories).Length > 0);
    }

    private static MultipartFormDataContent Form(byte[] file, string alt) => new()
    {
        { new ByteArrayContent(file), "file", "upload.jpg" },
        { new StringContent(alt), "alt" },
    };

    /// <summary>The request with a session cookie of a new user of <paramref name="role"/> and a matching antiforgery cookie and header.</summary>
    private async Task<HttpRequestMessage> SignedIn(string role, HttpContent content)
    {
        var users = Factory.Services.GetRequiredService<Gazette.Accounts.UserStore>();
        var tag = Guid.NewGuid().ToString("N")[..10];
        var id = await users.CreateAsync(new Gazette.Accounts.User
        {
            Login = "user" + tag,
            DisplayName = "User " + tag,
            Slug = "user-" + tag,
            Email = $"user{tag}@example.org",
            PasswordHash = Gazette.Accounts.Passwords.Hash("a password of some length"),
            Role = role,
        });
        var principal = new ClaimsPrincipal(new ClaimsIdentity(new NewsroomUser(id, "User " + tag, role).Claims(), SignIn.CookieScheme));
        var cookieOptions = Factory.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(SignIn.CookieScheme);
        var session = cookieOptions.TicketDataFormat.Protect(new AuthenticationTicket(principal, SignIn.CookieScheme));
        var tokens = Factory.Services.GetRequiredService<IAntiforgery>().GetTokens(new DefaultHttpContext { RequestServices = Factory.Services, User = principal });
        var antiforgeryCookie = Factory.Services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.Cookie.Name;
        var request = new HttpRequestMessage(HttpMethod.Post, "/admin/media") { Content = content };
        request.Headers.Add("Cookie", $"{SignIn.CookieName}={session}; {antiforgeryCookie}={tokens.CookieToken}");
        request.Headers.Add("RequestVerificationToken", tokens.RequestToken);
        return request;
    }
}
