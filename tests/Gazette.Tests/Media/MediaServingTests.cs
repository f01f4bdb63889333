using System.Net;
using Gazette.Articles;
using Gazette.Media;
using Gazette.Tests.Infrastructure;
using Gazette.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Media;

/// <summary>
/// <c>/media/{name}</c> through the whole host: the right type, cached forever,
/// never sniffed, and nothing but media names served; and a Markdown image of a
/// stored picture rendered with its srcset.
/// </summary>
public abstract class MediaServingTests<TProvider>(TProvider provider) : SiteTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    private static int _sizes;

    private readonly string _folder = Path.Combine(SqliteProvider.Root, "media-" + Guid.NewGuid().ToString("N"));

    private string[] StoredFiles() => Directory.Exists(_folder) ? Directory.GetFiles(_folder, "*", SearchOption.AllDirectories) : [];

    protected override void Configure(Dictionary<string, string?> settings) => settings[MediaFolder.Key] = _folder;

    [Fact]
    public async Task AnOriginalAndItsCopiesAreServedWithTheirTypesAndCachedForever()
    {
        var item = await UploadAsync(TestImages.Jpeg(1000 + Interlocked.Increment(ref _sizes), 500));

        var original = await Client.GetAsync(new Uri(item.Url, UriKind.Relative));
        var copy = await Client.GetAsync(new Uri(MediaNames.UrlOf(MediaNames.Variant(item.Name, 480)), UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, original.StatusCode);
        Assert.Equal("image/jpeg", original.Content.Headers.ContentType?.MediaType);
        Assert.Equal(item.ByteSize, (await original.Content.ReadAsByteArrayAsync()).Length);
        Assert.Equal(MediaEndpoints.ImmutableCacheControl, original.Headers.CacheControl?.ToString());
        Assert.Equal("nosniff", original.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("default-src 'none'", original.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, copy.StatusCode);
        Assert.Equal("image/webp", copy.Content.Headers.ContentType?.MediaType);
        Assert.Equal(MediaEndpoints.ImmutableCacheControl, copy.Headers.CacheControl?.ToString());
        Assert.True(TestImages.IsRedAt(await copy.Content.ReadAsByteArrayAsync(), 10, 10));
    }

    [Theory]
    [InlineData("/media/00000000000000000000000000000000.jpg")]
    [InlineData("/media/00000000000000000000000000000000-320.webp")]
    [InlineData("/media/gazette.db")]
    [InlineData("/media/..%2Fgazette.db")]
    [InlineData("/media/%2e%2e%2f%2e%2e%2fetc%2fpasswd")]
    [InlineData("/media/../gazette.db")]
    [InlineData("/media/ABCDEF00000000000000000000000000.jpg")]
    [InlineData("/media/00000000000000000000000000000000-1x1-50-50.webp")]
    [InlineData("/media/00000000000000000000000000000000-2x1-50-50.webp")]
    public async Task UnknownNamesAndPathsOutsideTheFolderAre404(string path)
    {
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(_folder)!, "gazette.db"), "secret");

        var response = await Client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("secret", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMarkdownImageOfAStoredPictureGetsItsSrcsetSizesAndDimensions()
    {
        var item = await UploadAsync(TestImages.Png(2000 + Interlocked.Increment(ref _sizes), 1000));
        var article = await PublishAsync(Story("Pictured") with { BodyMarkdown = $"Before.\n\n![The pier at dawn]({item.Url})\n\nAfter." });

        var (status, html, _) = await GetAsync(TestLinks.Of(article));

        Assert.Equal(HttpStatusCode.OK, status);
        var stem = MediaNames.UrlOf(item.Name[..32]);
        Assert.Contains($"src=\"{stem}-960.webp\"", html, StringComparison.Ordinal);
        Assert.Contains($"srcset=\"{stem}-480.webp 480w, {stem}-960.webp 960w, {stem}-1600.webp 1600w, {item.Url} {item.Width}w\"", html, StringComparison.Ordinal);
        Assert.Contains($"sizes=\"{ResponsiveImage.ArticleSizes}\"", html, StringComparison.Ordinal);
        Assert.Contains($"width=\"{item.Width}\" height=\"1000\"", html, StringComparison.Ordinal);
        Assert.Contains("alt=\"The pier at dawn\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CropsKeepTheFocalPointAndAMovedPointMakesNewOnes()
    {
        var item = await UploadAsync(TestImages.Png(2000 + Interlocked.Increment(ref _sizes), 1000));
        var editor = new NewsroomUser(await FirstUserAsync(), "Editor", NewsroomRole.Editor);
        var library = Factory.Services.GetRequiredService<MediaLibrary>();

        var topLeft = (await library.UpdateAsync(editor, item.Id, new MediaMetadata(item.AltText, "", "", "", 0.1, 0.1))).Item!;
        var square = await Client.GetAsync(new Uri(MediaNames.UrlOf(topLeft.CropNames[2]), UriKind.Relative));
        var wide = await Client.GetAsync(new Uri(MediaNames.UrlOf(topLeft.CropNames[0]), UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, square.StatusCode);
        Assert.Equal("image/webp", square.Content.Headers.ContentType?.MediaType);
        Assert.Equal(MediaEndpoints.ImmutableCacheControl, square.Headers.CacheControl?.ToString());
        var squareBytes = await square.Content.ReadAsByteArrayAsync();
        Assert.True(TestImages.IsRedAt(squareBytes, 10, 10), "the red top-left corner is in a crop around a top-left focal point");
        using (var decoded = SkiaSharp.SKBitmap.Decode(squareBytes))
        {
            Assert.Equal((1000, 1000), (decoded.Width, decoded.Height));
        }
        using (var decoded = SkiaSharp.SKBitmap.Decode(await wide.Content.ReadAsByteArrayAsync()))
        {
            Assert.Equal((FocalCrops.MaxWidth, 675), (decoded.Width, decoded.Height));
        }

        var bottomRight = (await library.UpdateAsync(editor, item.Id, new MediaMetadata(item.AltText, "", "", "", 0.9, 0.9))).Item!;
        var moved = await Client.GetAsync(new Uri(MediaNames.UrlOf(bottomRight.CropNames[2]), UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.False(TestImages.IsRedAt(await moved.Content.ReadAsByteArrayAsync(), 10, 10), "a crop around the bottom-right point leaves the red corner out");
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync(new Uri(MediaNames.UrlOf(topLeft.CropNames[2]), UriKind.Relative))).StatusCode);
        Assert.DoesNotContain(StoredFiles(), file => file.EndsWith(topLeft.CropNames[2], StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnAnonymousUploadStoresNothing()
    {
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(TestImages.Png(100, 100)), "file", "a.png" },
            { new StringContent("Alt"), "alt" },
        };

        var response = await Client.PostAsync(new Uri("/admin/media", UriKind.Relative), form);

        Assert.NotEqual(HttpStatusCode.Created, response.StatusCode);
        Assert.True((int)response.StatusCode is 302 or 401 or 403 or 400, response.StatusCode.ToString());
        Assert.Empty(StoredFiles());
    }

    private async Task<MediaItem> UploadAsync(byte[] image)
    {
        var editor = new NewsroomUser(await FirstUserAsync(), "Editor", NewsroomRole.Editor);
        var outcome = await Factory.Services.GetRequiredService<MediaLibrary>().UploadAsync(editor, new MemoryStream(image), "picture", "The pier at dawn");
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Values));
        return outcome.Item!;
    }

    /// <summary>The administrator every served site has from its first start.</summary>
    private async Task<long> FirstUserAsync() =>
        (await Factory.Services.GetRequiredService<Gazette.Accounts.UserStore>().ListAsync())[0].Id;
}

public sealed class MediaServingTestsOnSqlite(SqliteProvider provider) : MediaServingTests<SqliteProvider>(provider);

public sealed class MediaServingTestsOnPostgres(PostgresProvider provider) : MediaServingTests<PostgresProvider>(provider);
