using System.Net;
using System.Net.Http.Headers;
using Gazette.Media;
using Gazette.Tests.Infrastructure;
using Gazette.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Media;

/// <summary>The media library's pages without script: upload by a plain form, the grid and search, an image's details, delete.</summary>
public sealed class MediaPagesTests(SqliteProvider provider) : SiteTestBase<SqliteProvider>(provider)
{
    private readonly string _folder = Path.Combine(SqliteProvider.Root, "media-" + Guid.NewGuid().ToString("N"));

    private MediaLibrary Library => Factory.Services.GetRequiredService<MediaLibrary>();

    protected override void Configure(Dictionary<string, string?> settings) => settings[MediaFolder.Key] = _folder;

    [Fact]
    public async Task AnAuthorUploadsThroughTheFormAndFindsTheImageInTheLibrary()
    {
        using var author = await Newsroom.MemberAsync(Factory, "page-author", NewsroomRole.Author);

        using var uploaded = await UploadAsync(author, TestImages.Jpeg(1200, 800), "pier.jpg", "The harbour pier at dawn");

        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var address = uploaded.Headers.Location!.OriginalString;
        Assert.Matches("^/admin/media/[0-9]+$", address);
        var item = (await Library.GetAsync(long.Parse(address["/admin/media/".Length..], System.Globalization.CultureInfo.InvariantCulture)))!;
        var page = await author.GetStringAsync(address);
        Assert.Contains("Uploaded.", page, StringComparison.Ordinal);
        Assert.Contains($"value=\"![The harbour pier at dawn]({item.Url})\"", page, StringComparison.Ordinal);
        var library = await author.GetStringAsync("/admin/media?q=harbour");
        Assert.Contains($"src=\"{MediaNames.UrlOf(MediaNames.Variant(item.Name, 480))}\" width=\"480\" height=\"320\"", library, StringComparison.Ordinal);
        Assert.Contains("The harbour pier at dawn", library, StringComparison.Ordinal);
        Assert.Contains("by you", library, StringComparison.Ordinal);
        Assert.DoesNotContain("The harbour pier at dawn", await author.GetStringAsync("/admin/media?q=nothing-like-it"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARefusedUploadKeepsTheAltTextAndSaysWhatIsWrongByField()
    {
        using var author = await Newsroom.MemberAsync(Factory, "refused-author", NewsroomRole.Author);

        using var notAnImage = await UploadAsync(author, "<html>"u8.ToArray(), "page.html", "Kept alt text");
        using var noAlt = await UploadAsync(author, TestImages.Png(40, 30), "small.png", "");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, notAnImage.StatusCode);
        var html = await notAnImage.Content.ReadAsStringAsync();
        Assert.Contains($"id=\"file-error\">{ImageIntake.NotAnImage}", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Kept alt text\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noAlt.StatusCode);
        Assert.Contains("id=\"alt-error\">Describe the image", await noAlt.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContributorsCannotOpenTheLibrary()
    {
        using var contributor = await Newsroom.MemberAsync(Factory, "page-contributor", NewsroomRole.Contributor);

        Assert.Equal(HttpStatusCode.Forbidden, (await contributor.GetAsync("/admin/media")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await contributor.GetAsync("/admin/media/new")).StatusCode);
        Assert.DoesNotContain("href=\"/admin/media\"", await contributor.GetStringAsync("/admin/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DetailsAreSavedBadOnesRefusedAndTheImageDeleted()
    {
        using var editor = await Newsroom.MemberAsync(Factory, "page-editor", NewsroomRole.Editor);
        using var uploaded = await UploadAsync(editor, TestImages.Png(600, 400), "chart.png", "A chart");
        var address = uploaded.Headers.Location!.OriginalString;
        var id = long.Parse(address["/admin/media/".Length..], System.Globalization.CultureInfo.InvariantCulture);

        using var refused = await Newsroom.PostFormAsync(editor, address, new() { ["alt"] = "", ["caption"] = "Kept caption", ["credit"] = "", ["rights"] = "", ["focalx"] = "2", ["focaly"] = "0.5" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("id=\"focal-error\">", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Kept caption\"", html, StringComparison.Ordinal);
        Assert.Equal("A chart", (await Library.GetAsync(id))!.AltText);

        using var saved = await Newsroom.PostFormAsync(editor, address, new() { ["alt"] = "Rainfall by month", ["caption"] = "Wettest since 1990", ["credit"] = "Met desk", ["rights"] = "Ours", ["focalx"] = "0.25", ["focaly"] = "0.75" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var item = (await Library.GetAsync(id))!;
        Assert.Equal(("Rainfall by month", "Wettest since 1990", "Met desk", "Ours", 0.25, 0.75), (item.AltText, item.Caption, item.Credit, item.UsageRights, item.FocalX, item.FocalY));

        using var deleted = await Newsroom.PostFormAsync(editor, address, [], action: address + "?handler=delete");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Null(await Library.GetAsync(id));
        Assert.Equal(HttpStatusCode.NotFound, (await editor.GetAsync(address)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync(new Uri(item.Url, UriKind.Relative))).StatusCode);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] bytes, string fileName, string alt)
    {
        var token = await Newsroom.FormTokenAsync(client, "/admin/media");
        using var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var form = new MultipartFormDataContent
        {
            { file, "file", fileName },
            { new StringContent(alt), "alt" },
            { new StringContent(token), "__RequestVerificationToken" },
        };
        return await client.PostAsync(new Uri("/admin/media/new", UriKind.Relative), form);
    }
}
