using System.Xml;
using System.Xml.Linq;
using Gazette.Export;
using Gazette.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Gazette.Tests.Export;

/// <summary>
/// <c>gazette export wordpress</c> on both databases: a fixed small site is
/// written byte for byte as the golden file, and the file is what WordPress's
/// importer reads (its namespaces, WXR 1.2, items with ids, statuses, terms
/// the channel declares and comment threads within the item).
/// </summary>
public abstract class WordPressExportTests<TProvider>(TProvider provider) : SiteTestBase<TProvider>(provider), IAsyncLifetime
    where TProvider : DatabaseProvider
{
    private static readonly XNamespace Wp = WxrWriter.WpNamespace;
    private static readonly XNamespace Content = WxrWriter.ContentNamespace;
    private static readonly XNamespace Excerpt = WxrWriter.ExcerptNamespace;
    private static readonly XNamespace Dc = WxrWriter.DcNamespace;

    private static readonly SemaphoreSlim Seeding = new(1, 1);
    private static readonly HashSet<string> Seeded = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Seeding.WaitAsync();
        try
        {
            if (Seeded.Add(Provider.Setting))
            {
                await ExportSite.SeedAsync(Provider.Database);
            }
        }
        finally
        {
            Seeding.Release();
        }
    }

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Gazette:SampleContent"] = "false";
        settings["Gazette:Site:BaseUrl"] = "https://news.example.org/";
        settings["Gazette:Site:Title"] = "The Harbour Gazette";
        settings["Gazette:Site:TimeZone"] = "Europe/Paris";
    }

    [Fact]
    public async Task TheExportIsWrittenAsTheGoldenFile()
    {
        var written = await ExportAsync();
        var path = Repository.Path("tests", "Gazette.Tests", "Export", "Golden", "site.wxr.xml");
        if (Environment.GetEnvironmentVariable("GAZETTE_UPDATE_GOLDEN") == "1")
        {
            await File.WriteAllTextAsync(path, written);
        }
        Assert.Equal(await File.ReadAllTextAsync(path), written);
    }

    [Fact]
    public async Task TheExportIsWellFormedWxrThatWordPressReads()
    {
        var written = await ExportAsync();
        var document = XDocument.Parse(written);
        // WordPress's importer without PHP's XML extensions reads an author only from one line.
        Assert.All(written.Split('\n').Where(line => line.Contains("<wp:author>", StringComparison.Ordinal)), line => Assert.EndsWith("</wp:author>", line, StringComparison.Ordinal));

        var rss = document.Root!;
        Assert.Equal("rss", rss.Name.LocalName);
        Assert.Equal("2.0", (string?)rss.Attribute("version"));
        Assert.Equal(WxrWriter.WpNamespace, rss.GetNamespaceOfPrefix("wp")?.NamespaceName);
        Assert.Equal(WxrWriter.ExcerptNamespace, rss.GetNamespaceOfPrefix("excerpt")?.NamespaceName);
        Assert.Equal(WxrWriter.ContentNamespace, rss.GetNamespaceOfPrefix("content")?.NamespaceName);
        Assert.Equal(WxrWriter.DcNamespace, rss.GetNamespaceOfPrefix("dc")?.NamespaceName);
        var channel = rss.Element("channel")!;
        Assert.Equal("1.2", channel.Element(Wp + "wxr_version")?.Value);
        Assert.Equal("https://news.example.org", channel.Element(Wp + "base_site_url")?.Value);

        var logins = channel.Elements(Wp + "author").Select(author => author.Element(Wp + "author_login")!.Value).ToList();
        Assert.Equal(["jane-reporter", "eddie-editor"], logins);
        Assert.All(channel.Elements(Wp + "author"), author => Assert.Equal("", author.Element(Wp + "author_email")!.Value));
        var categories = channel.Elements(Wp + "category").Select(category => category.Element(Wp + "category_nicename")!.Value).ToList();
        // A parent before the sections beneath it (City sits under Region, made after it), named by its slug as WordPress's exporter does.
        Assert.Equal(["world", "region", "city"], categories);
        Assert.Equal(["", "", "region"], channel.Elements(Wp + "category").Select(category => category.Element(Wp + "category_parent")!.Value));
        Assert.Equal(["harbour", "budget"], channel.Elements(Wp + "tag").Select(tag => tag.Element(Wp + "tag_slug")!.Value));

        var items = channel.Elements("item").Where(item => item.Element(Wp + "post_type")!.Value != "attachment").ToDictionary(item => long.Parse(item.Element(Wp + "post_id")!.Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal([1L, 2, 3, 4, 5, 6], items.Keys.Order());
        Assert.Equal(["publish", "draft", "future", "trash", "publish", "publish"], items.Values.Select(item => item.Element(Wp + "status")!.Value));
        Assert.Equal(["post", "post", "post", "post", "page", "page"], items.Values.Select(item => item.Element(Wp + "post_type")!.Value));
        Assert.Equal("5", items[6].Element(Wp + "post_parent")!.Value);
        Assert.Equal("0000-00-00 00:00:00", items[2].Element(Wp + "post_date_gmt")!.Value);

        var article = items[1];
        Assert.Equal("harbour-budget-agreed", article.Element(Wp + "post_name")!.Value);
        Assert.Equal("2024-04-15 09:30:00", article.Element(Wp + "post_date")!.Value);
        Assert.Equal("2024-04-15 07:30:00", article.Element(Wp + "post_date_gmt")!.Value);
        Assert.Equal("https://news.example.org/2024/04/harbour-budget-agreed/", article.Element("link")!.Value);
        Assert.Equal("jane-reporter", article.Element(Dc + "creator")!.Value);
        Assert.Contains("中国外交部 ]]> end", article.Element(Content + "encoded")!.Value, StringComparison.Ordinal);
        Assert.Equal("Summary of Harbour <b>budget</b> “agreed”", article.Element(Excerpt + "encoded")!.Value);
        Assert.All(article.Elements("category"), term => Assert.Contains(term.Attribute("nicename")!.Value, term.Attribute("domain")!.Value == "category" ? categories : ["harbour", "budget"]));

        var comments = article.Elements(Wp + "comment").ToList();
        Assert.Equal(["1", "1", "0", "spam", "trash"], comments.Select(comment => comment.Element(Wp + "comment_approved")!.Value));
        Assert.Equal(["0", "1", "1", "0", "0"], comments.Select(comment => comment.Element(Wp + "comment_parent")!.Value));
        Assert.Equal("one@readers.test", comments[0].Element(Wp + "comment_author_email")!.Value);
        Assert.Equal("https://one.example/?a=1&b=2", comments[0].Element(Wp + "comment_author_url")!.Value);
        Assert.Equal("198.51.100.7", comments[0].Element(Wp + "comment_author_IP")!.Value);
        Assert.Equal("12", comments[1].Element(Wp + "comment_user_id")!.Value);
        Assert.All(items.Values.Where(item => item != article), item => Assert.Empty(item.Elements(Wp + "comment")));
    }

    [Fact]
    public async Task TheLibraryIsWrittenAsAttachmentsShapedAsWordPressWritesThem()
    {
        var items = XDocument.Parse(await ExportAsync()).Root!.Element("channel")!.Elements("item").ToList();
        var attachment = Assert.Single(items, item => item.Element(Wp + "post_type")!.Value == "attachment");
        var real = Gazette.Tests.Import.WordPressFixtures.ExportWithAmpersandsEscaped().Root!.Element("channel")!.Elements("item")
            .First(item => item.Element(Wp + "post_type")!.Value == "attachment");

        // The same elements in the same order as a real WordPress's, and the postmeta its importer reads.
        Assert.Equal(Shape(real), Shape(attachment));
        Assert.Equal(["_wp_attached_file", "_wp_attachment_image_alt"], Meta(attachment).Keys);
        Assert.Subset(Meta(real).Keys.ToHashSet(), Meta(attachment).Keys.ToHashSet());

        // Its id is past the highest article's (6): WordPress has one id space for posts and attachments.
        Assert.Equal("7", attachment.Element(Wp + "post_id")!.Value);
        Assert.Equal("inherit", attachment.Element(Wp + "status")!.Value);
        Assert.Equal("1", attachment.Element(Wp + "post_parent")!.Value);
        Assert.Equal("Bridge at dawn", attachment.Element("title")!.Value);
        Assert.Equal("bridge-at-dawn", attachment.Element(Wp + "post_name")!.Value);
        Assert.Equal("jane-reporter", attachment.Element(Dc + "creator")!.Value);
        Assert.Equal("The bridge at dawn, seen from the east bank.", attachment.Element(Excerpt + "encoded")!.Value);
        var url = "https://news.example.org/media/" + ExportSite.PhotoName;
        Assert.Equal(url, attachment.Element(Wp + "attachment_url")!.Value);
        Assert.Equal(url, attachment.Element("guid")!.Value);
        Assert.Equal("2024/04/Bridge-at-dawn.jpg", Meta(attachment)["_wp_attached_file"]);
        Assert.Equal("A bridge over a river at dawn", Meta(attachment)["_wp_attachment_image_alt"]);

        var byId = items.ToDictionary(item => item.Element(Wp + "post_id")!.Value);
        Assert.Equal("7", Meta(byId["1"])["_thumbnail_id"]);
        Assert.All(items.Where(item => item.Element(Wp + "post_id")!.Value is not ("1" or "7")), item => Assert.Empty(item.Elements(Wp + "postmeta")));
        // The page's inline image names the attachment's URL, as WordPress stores it: no srcset or sizes of Gazette's WebP copies.
        var page = byId["5"].Element(Content + "encoded")!.Value;
        Assert.Contains($"<img src=\"{url}\" width=\"640\" height=\"360\" alt=\"The bridge\">", page, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{url}\">", page, StringComparison.Ordinal);
        Assert.DoesNotContain("webp", page, StringComparison.Ordinal);
        Assert.DoesNotContain("sizes=", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCommandWritesTheFileAndPrintsWhatItHolds()
    {
        var folder = Directory.CreateTempSubdirectory("gazette-export-").FullName;
        try
        {
            var file = Path.Combine(folder, "site.xml");
            await File.WriteAllTextAsync(file, "an older export");
            var (exitCode, stdout, stderr) = await GazetteProcess.RunAsync(folder, null,
                "export", "wordpress", file, "--database", Provider.Setting, "--Gazette:Site:BaseUrl=https://news.example.org");

            Assert.True(exitCode == 0, stderr);
            Assert.Contains("Exported 4 articles, 2 pages, 5 comments, 3 sections, 2 tags, 2 authors, 1 images", stdout, StringComparison.Ordinal);
            Assert.Contains("Image files were not copied (no --uploads folder): the 1 attachments name their URLs on this site", stdout, StringComparison.Ordinal);
            Assert.Equal("1.2", XDocument.Load(file).Root!.Element("channel")!.Element(Wp + "wxr_version")!.Value);
            Assert.Equal([file], Directory.GetFiles(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task WithUploadsTheLibrarysFilesAreCopiedWhereTheAttachmentsSayTheyAre()
    {
        var folder = Directory.CreateTempSubdirectory("gazette-export-").FullName;
        try
        {
            var media = Path.Combine(folder, "media");
            Directory.CreateDirectory(Path.Combine(media, ExportSite.PhotoName[..2]));
            await File.WriteAllBytesAsync(Path.Combine(media, ExportSite.PhotoName[..2], ExportSite.PhotoName), ExportSite.Photo);
            var file = Path.Combine(folder, "site.xml");
            var uploads = Path.Combine(folder, "new", "uploads");
            var (exitCode, stdout, stderr) = await GazetteProcess.RunAsync(folder, new Dictionary<string, string> { ["Gazette__Media__Folder"] = media },
                "export", "wordpress", file, "--uploads", uploads, "--database", Provider.Setting, "--Gazette:Site:BaseUrl=https://news.example.org");

            Assert.True(exitCode == 0, stderr);
            Assert.Contains($"Copied 1 image files to {uploads}.", stdout, StringComparison.Ordinal);
            var attached = XDocument.Load(file).Root!.Element("channel")!.Elements("item").Select(Meta)
                .Single(meta => meta.ContainsKey("_wp_attached_file"))["_wp_attached_file"];
            Assert.Equal(ExportSite.Photo, await File.ReadAllBytesAsync(Path.Combine(uploads, attached)));
            Assert.Equal([Path.Combine(uploads, attached)], Directory.GetFiles(uploads, "*", SearchOption.AllDirectories));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>An item's elements by name, in order, each postmeta once: what WordPress's exporter writes for every item of a type.</summary>
    private static List<string> Shape(XElement item) =>
        [.. item.Elements().Select(element => element.Name.ToString()).Where((name, index) => index == 0 || name != item.Elements().ElementAt(index - 1).Name.ToString())];

    private static Dictionary<string, string> Meta(XElement item) =>
        item.Elements(Wp + "postmeta").ToDictionary(meta => meta.Element(Wp + "meta_key")!.Value, meta => meta.Element(Wp + "meta_value")!.Value);

    private async Task<string> ExportAsync()
    {
        var export = ActivatorUtilities.CreateInstance<WxrExport>(Factory.Services, (TimeProvider)new FakeTimeProvider(ExportSite.Now));
        using var stream = new MemoryStream();
        await export.WriteAsync(stream, null, _ => { }, CancellationToken.None);
        var text = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        using var reader = XmlReader.Create(new StringReader(text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        while (reader.Read())
        {
        }
        return text;
    }
}

public sealed class WordPressExportTestsOnSqlite(SqliteProvider provider) : WordPressExportTests<SqliteProvider>(provider);

public sealed class WordPressExportTestsOnPostgres(PostgresProvider provider) : WordPressExportTests<PostgresProvider>(provider);

/// <summary>The command's mistakes an operator can make, each named on stderr with a non-zero exit, before any file is touched.</summary>
public sealed class WordPressExportCommandLineTests(SqliteProvider provider) : IClassFixture<SqliteProvider>
{
    [Fact]
    public async Task AMissingFileArgumentIsNamedAndExitsNonZero()
    {
        var (exitCode, _, stderr) = await GazetteProcess.RunAsync(Path.GetTempPath(), null, "export", "wordpress", "--database", provider.Setting);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Required argument missing", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFileInAFolderThatDoesNotExistIsNamedAndExitsNonZero()
    {
        var file = Path.Combine(Path.GetTempPath(), "gazette-no-such-folder-" + Guid.NewGuid().ToString("N"), "site.xml");
        var (exitCode, _, stderr) = await GazetteProcess.RunAsync(Path.GetTempPath(), null, "export", "wordpress", file, "--database", provider.Setting);

        Assert.Equal(1, exitCode);
        Assert.Contains($"cannot write {file}: the folder", stderr, StringComparison.Ordinal);
        Assert.Contains("does not exist", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUploadsFolderThatCannotBeMadeIsNamedAndExitsNonZeroBeforeAnythingIsWritten()
    {
        var folder = Directory.CreateTempSubdirectory("gazette-export-uploads-").FullName;
        try
        {
            var file = Path.Combine(folder, "site.xml");
            var notAFolder = Path.Combine(folder, "uploads.txt");
            await File.WriteAllTextAsync(notAFolder, "a file");

            var (exitCode, _, stderr) = await GazetteProcess.RunAsync(folder, null, "export", "wordpress", file, "--uploads", notAFolder, "--database", provider.Setting);

            Assert.Equal(1, exitCode);
            Assert.Contains($"gazette: --uploads {notAFolder}: it is a file, not a folder", stderr, StringComparison.Ordinal);
            Assert.False(File.Exists(file));

            var beneathAFile = Path.Combine(notAFolder, "uploads");
            (exitCode, _, stderr) = await GazetteProcess.RunAsync(folder, null, "export", "wordpress", file, "--uploads", beneathAFile, "--database", provider.Setting);

            Assert.Equal(1, exitCode);
            Assert.Contains($"gazette: --uploads {beneathAFile}: ", stderr, StringComparison.Ordinal);
            Assert.False(File.Exists(file));
            Assert.Equal([notAFolder], Directory.GetFiles(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task AFileThatIsAFolderIsNamedAndExitsNonZero()
    {
        var folder = Directory.CreateTempSubdirectory("gazette-export-folder-").FullName;
        try
        {
            var (exitCode, _, stderr) = await GazetteProcess.RunAsync(Path.GetTempPath(), null, "export", "wordpress", folder, "--database", provider.Setting);

            Assert.Equal(1, exitCode);
            Assert.Contains($"cannot write {folder}: it is a folder", stderr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
