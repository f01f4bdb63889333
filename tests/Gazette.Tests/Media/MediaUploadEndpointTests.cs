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
/// goes through the login form (<see cref="UploadAsync"/>).
/// </summary>
public sealed class MediaUploadEndpointTests(SqliteProvider provider) : SiteTestBase<SqliteProvider>(provider)
{
    private readonly string _folder = Path.Combine(SqliteProvider.Root, "media-" + Guid.NewGuid().ToString("N"));

    protected override void Configure(Dictionary<string, string?> settings) => settings[MediaFolder.Key] = _folder;

    [Fact]
    public async Task AnAuthorsUploadAnswers201WithTheUrlAndSrcset()
    {
        var response = await UploadAsync(NewsroomRole.Author, Form(TestImages.Jpeg(1300, 700), "The pier"));

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
        var response = await UploadAsync(NewsroomRole.Author, Form("<html>"u8.ToArray(), ""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(ImageIntake.NotAnImage, errors.GetProperty("file")[0].GetString());
        Assert.Contains("alt text", errors.GetProperty("alt")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADeclaredBodyOver10MBIsRefusedBeforeItIsRead()
    {
        var response = await UploadAsync(NewsroomRole.Author, Form(new byte[ImageIntake.MaxBytes + 1], "Alt"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(ImageIntake.TooLarge, errors.GetProperty("file")[0].GetString());
    }

    [Fact]
    public async Task AContributorIsRefused()
    {
        var response = await UploadAsync(NewsroomRole.Contributor, Form(TestImages.Png(100, 100), "Alt"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task WithoutTheAntiforgeryTokenNothingIsStored()
    {
        var response = await UploadAsync(NewsroomRole.Author, Form(TestImages.Png(120, 100), "Alt"), withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(Directory.Exists(_folder) && Directory.GetFiles(_folder, "*", SearchOption.AllDirectories).Length > 0);
    }

    private static MultipartFormDataContent Form(byte[] file, string alt) => new()
    {
        { new ByteArrayContent(file), "file", "upload.jpg" },
        { new StringContent(alt), "alt" },
    };

    /// <summary>Posts <paramref name="content"/> as a new member of <paramref name="role"/>, signed in through the login form, with the page's antiforgery token (or without it).</summary>
    private async Task<HttpResponseMessage> UploadAsync(string role, HttpContent content, bool withToken = true)
    {
        var client = await Newsroom.MemberAsync(Factory, "uploader-" + Guid.NewGuid().ToString("N")[..10], role);
        var token = await Newsroom.FormTokenAsync(client, "/admin/");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/media") { Content = content };
        request.Headers.Accept.ParseAdd("application/json");
        if (withToken)
        {
            request.Headers.Add("RequestVerificationToken", token);
        }
        return await client.SendAsync(request);
    }
}
