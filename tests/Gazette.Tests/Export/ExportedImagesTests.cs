using Gazette.Export;
using Gazette.Media.Contracts;

namespace Gazette.Tests.Export;

/// <summary>The rules by which the export names library images: their path under <c>uploads</c>, and the URLs a body's images and links take.</summary>
public sealed class ExportedImagesTests
{
    private static readonly DateTimeOffset Uploaded = new(2024, 1, 31, 23, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("Bridge at dawn.jpg", "Bridge-at-dawn")]
    [InlineData("photo.final.PNG", "photo.final")]
    [InlineData("  ../../etc/passwd", "passwd")]
    [InlineData("C:\\Users\\me\\scan 1.gif", "scan-1")]
    [InlineData("Zürich café.jpg", "Z-rich-caf")]
    [InlineData("中国.jpg", "image")]
    [InlineData("", "image")]
    public void AnOriginalNameBecomesAFileNameAnyFileSystemTakes(string originalName, string stem) =>
        Assert.Equal(stem, UploadsLayout.FileStem(originalName));

    [Fact]
    public void PathsAreTheUploadsMonthInTheSiteTimeZoneNumberedWhenTheNameIsTaken()
    {
        var layout = new UploadsLayout(at => at.ToOffset(TimeSpan.FromHours(1)));

        Assert.Equal("2024/02/photo.jpg", layout.PathOf(Image(1, "photo.jpeg", "jpg")));
        Assert.Equal("2024/02/Photo-1.jpg", layout.PathOf(Image(2, "Photo.jpg", "jpg")));
        Assert.Equal("2024/02/photo-2.jpg", layout.PathOf(Image(3, "photo.jpg", "jpg")));
        Assert.Equal("2024/02/photo.png", layout.PathOf(Image(4, "photo.jpg", "png")));
    }

    [Fact]
    public void AnImageShowingALibraryFileNamesItsOriginalWithoutGazettesCopies()
    {
        var stem = new string('a', 32);
        var links = new LibraryLinks(new Dictionary<string, string> { [stem] = $"/media/{stem}.png" },
            url => url.StartsWith("/media/", StringComparison.Ordinal) && url.Length >= 39 ? url[7..39] : null, "https://news.example.org");

        var html = links.Rewrite($"""<p><img src="/media/{stem}-960.webp" srcset="/media/{stem}-480.webp 480w, /media/{stem}-960.webp 960w" sizes="100vw" alt="A"><a href="/media/{stem}-16x9-50-50.webp">crop</a></p>""");

        Assert.Equal($"""<p><img src="https://news.example.org/media/{stem}.png" alt="A"><a href="https://news.example.org/media/{stem}.png">crop</a></p>""", html);
    }

    [Fact]
    public void ImagesAndLinksThatAreNoLibraryFilesAreLeftAsTheyAre()
    {
        var links = new LibraryLinks(new Dictionary<string, string>(), _ => null, "https://news.example.org");
        const string html = """<p><img src="https://elsewhere.example/a.jpg" srcset="https://elsewhere.example/a.jpg 1x" alt="B"><a href="/media/gone.jpg">gone</a></p>""";

        Assert.Equal(html, links.Rewrite(html));
    }

    private static ExportedImage Image(long id, string originalName, string extension) =>
        new(id, $"/media/{id}.{extension}", id.ToString(System.Globalization.CultureInfo.InvariantCulture), originalName, "image/" + extension, extension, "", "", "", Uploaded, null);
}
