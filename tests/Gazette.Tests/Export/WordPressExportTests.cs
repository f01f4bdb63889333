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
        var document = XDocument.Parse(await ExportAsync());

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
        Assert.Equal(["world", "city"], categories);
        Assert.Equal(["harbour", "budget"], channel.Elements(Wp + "tag").Select(tag => tag.Element(Wp + "tag_slug")!.Value));

        var items = channel.Elements("item").ToDictionary(item => long.Parse(item.Element(Wp + "post_id")!.Value, System.Globalization.CultureInfo.InvariantCulture));
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
            Assert.Contains("Exported 4 articles, 2 pages, 5 comments, 2 sections, 2 tags, 2 authors", stdout, StringComparison.Ordinal);
            Assert.Equal("1.2", XDocument.Load(file).Root!.Element("channel")!.Element(Wp + "wxr_version")!.Value);
            Assert.Equal([file], Directory.GetFiles(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

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
