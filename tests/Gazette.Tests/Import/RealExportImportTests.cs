using Dapper;
using Gazette.Storage;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Import;

/// <summary>
/// The export of a real WordPress 6.1 (tests/fixtures/wordpress, see its README
/// for every id) imported with its uploads into a site with no sample content:
/// every post, page, comment and user keeps its id.
/// </summary>
public abstract class RealExportImportTests<TProvider>(TProvider provider) : IClassFixture<TProvider>
    where TProvider : DatabaseProvider
{
    private static readonly string Fixtures = Repository.Path("tests", "fixtures", "wordpress");

    [Fact]
    public async Task TheRealExportComesInWithEveryIdKept()
    {
        var setting = await provider.CreateMigratedAsync();
        await using var database = Database.Create(DatabaseUrl.Parse(setting));
        var folder = Directory.CreateTempSubdirectory("gazette-import-").FullName;
        try
        {
            var (exitCode, stdout, stderr) = await GazetteProcess.RunAsync(folder, new Dictionary<string, string> { ["Gazette__Media__Folder"] = Path.Combine(folder, "media") },
                "import", "wordpress", Path.Combine(Fixtures, "export.xml"), "--uploads", Path.Combine(Fixtures, "uploads"),
                "--database", setting, "--Gazette:SampleContent=false", "--Logging:LogLevel:Default=Warning");

            Assert.True(exitCode == 0, stderr);
            Assert.Contains("(WXR 1.2): 9 posts, 4 pages, 7 comments, 2 new authors", stdout, StringComparison.Ordinal);
            Assert.Contains("WordPress's ids were kept.", stdout, StringComparison.Ordinal);
            Assert.Contains("Skipped (not content): 1 nav_menu_item.", stdout, StringComparison.Ordinal);
            Assert.Contains("Repaired: 1 unescaped ampersands", stdout, StringComparison.Ordinal);
            Assert.Contains("Attachments: 1 of 1 in the media library", stdout, StringComparison.Ordinal);
            await using var connection = await database.OpenAsync();
            var articles = (await connection.QueryAsync<(long Id, string Kind, string Status)>("select id, kind, status from articles order by id")).AsList();
            Assert.Equal(
                [(1L, "article", "published"), (2, "page", "published"), (3, "page", "draft"), (4, "article", "published"), (5, "article", "published"), (6, "article", "published"),
                 (8, "article", "published"), (10, "article", "published"), (11, "article", "private"), (12, "article", "draft"), (13, "article", "scheduled"), (14, "page", "published"), (15, "page", "published")],
                articles);
            Assert.Equal(14, await connection.ExecuteScalarAsync<long>("select parent_id from articles where id = 15"));
            const string Tree = "select s.slug, p.slug from sections s join sections p on p.id = s.parent_id order by s.slug";
            Assert.Equal([("europe", "world")], await connection.QueryAsync<(string, string)>(Tree));
            Assert.NotNull(await connection.ExecuteScalarAsync<long?>("select featured_media_id from articles where id = 10"));
            Assert.Equal([1L, 2], await connection.QueryAsync<long>("select id from users order by id"));
            var comments = (await connection.QueryAsync<(long Id, long ArticleId, long? ParentId, string Status, long? UserId)>(
                "select id, article_id, parent_id, status, user_id from comments order by id")).AsList();
            Assert.Equal(
                [(1L, 1L, (long?)null, "approved", (long?)null), (2, 5, null, "approved", null), (3, 5, 2, "approved", 2), (4, 5, 3, "approved", null),
                 (5, 5, null, "pending", null), (7, 5, null, "trash", null), (8, 8, null, "approved", null)],
                comments);
            Assert.Equal("https://example.com/profile?name=jane&lang=en", await connection.ExecuteScalarAsync<string>("select author_url from comments where id = 2"));
            // A non-ASCII slug is filed made ASCII; the import map leads WordPress's percent-encoded one there (old links).
            var filed = await connection.ExecuteScalarAsync<string>("select slug from tags where name = '中国'");
            Assert.False(string.IsNullOrEmpty(filed));
            Assert.Equal(filed, await connection.ExecuteScalarAsync<string>("select target_key from import_map where kind = 'tag' and source_id = '%e4%b8%ad%e5%9b%bd'"));
            Assert.Contains("Permalinks: the site now makes links as WordPress did, /%year%/%monthnum%/%day%/%postname%/.", stdout, StringComparison.Ordinal);
            Assert.Equal("/2024/03/03/cafe-culture-returns-to-zurich/", await connection.ExecuteScalarAsync<string>("select to_path from redirects where from_path = '/2024/03/03/cafes-reopen-in-zurich/'"));

            var again = await GazetteProcess.RunAsync(folder, new Dictionary<string, string> { ["Gazette__Media__Folder"] = Path.Combine(folder, "media") },
                "import", "wordpress", Path.Combine(Fixtures, "export.xml"), "--database", setting, "--Logging:LogLevel:Default=Warning");

            Assert.True(again.ExitCode == 0, again.Stderr);
            Assert.Contains("0 posts, 0 pages, 0 comments, 0 new authors", again.Stdout, StringComparison.Ordinal);
            Assert.Equal(13, await connection.ExecuteScalarAsync<int>("select count(*) from articles"));
            Assert.Equal(7, await connection.ExecuteScalarAsync<int>("select count(*) from comments"));
            Assert.Equal([("europe", "world")], await connection.QueryAsync<(string, string)>(Tree));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task AFreshInstallsSampleContentGivesWayOnlyToAReadableFile()
    {
        var setting = await provider.CreateMigratedAsync();
        await using var database = Database.Create(DatabaseUrl.Parse(setting));
        var folder = Directory.CreateTempSubdirectory("gazette-import-").FullName;
        try
        {
            var whole = await File.ReadAllTextAsync(Path.Combine(Fixtures, "export.xml"));
            var cut = Path.Combine(folder, "cut.xml");
            await File.WriteAllTextAsync(cut, whole[..whole.IndexOf("<title><![CDATA[About us]]>", StringComparison.Ordinal)]);
            await using var connection = await database.OpenAsync();
            const string Site = "select a.id, a.title, a.status, coalesce(s.slug, '') from articles a left join article_sections x on x.article_id = a.id left join sections s on s.id = x.section_id order by a.id";

            // The first start of the site publishes the sample content; the broken file is found out after it, and changes nothing.
            var broken = await GazetteProcess.RunAsync(folder, null, "import", "wordpress", cut, "--database", setting, "--Logging:LogLevel:Default=Warning");
            Assert.Equal(1, broken.ExitCode);
            var fresh = (await connection.QueryAsync<(long, string, string, string)>(Site)).AsList();
            Assert.Equal([1L, 2, 3], fresh.Select(row => row.Item1));
            var (exitCode, stdout, stderr) = await GazetteProcess.RunAsync(folder, null, "import", "wordpress", cut, "--database", setting, "--Logging:LogLevel:Default=Warning");
            Assert.Equal(1, exitCode);
            Assert.Equal(fresh, await connection.QueryAsync<(long, string, string, string)>(Site));

            (exitCode, stdout, stderr) = await GazetteProcess.RunAsync(folder, null,
                "import", "wordpress", Path.Combine(Fixtures, "export.xml"), "--database", setting, "--Logging:LogLevel:Default=Warning");

            Assert.True(exitCode == 0, stderr);
            Assert.Contains("The fresh install's sample article and policy drafts (3) were removed", stdout, StringComparison.Ordinal);
            Assert.Contains("WordPress's ids were kept.", stdout, StringComparison.Ordinal);
            Assert.Equal(
                ["Hello world!", "Sample Page", "Privacy Policy"],
                await connection.QueryAsync<string>("select title from articles where id in (1, 2, 3) order by id"));
            Assert.Equal(13, await connection.ExecuteScalarAsync<int>("select count(*) from articles"));
            // The sample's tags went with it; its section "World" is WordPress's too, now with WordPress's posts.
            Assert.Equal(0, await connection.ExecuteScalarAsync<int>("select count(*) from tags where slug in ('china', 'united-states', 'diplomacy')"));
            Assert.Equal(2, await connection.ExecuteScalarAsync<int>("select article_count from sections where slug = 'world'"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

public sealed class RealExportImportTestsOnSqlite(SqliteProvider provider) : RealExportImportTests<SqliteProvider>(provider);

public sealed class RealExportImportTestsOnPostgres(PostgresProvider provider) : RealExportImportTests<PostgresProvider>(provider);
