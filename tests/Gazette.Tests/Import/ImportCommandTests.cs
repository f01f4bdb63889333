using Dapper;
using Gazette.Articles;
using Gazette.Storage;
using Gazette.Tests.Infrastructure;
using Gazette.Web;

namespace Gazette.Tests.Import;

/// <summary>
/// <c>gazette import wordpress</c> with the real executable on both databases:
/// WordPress's ids kept in an empty site, statuses, threads, old slugs, a
/// second run that adds nothing, and a broken file that changes nothing.
/// </summary>
public abstract class ImportCommandTests<TProvider>(TProvider provider) : SiteTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    [Fact]
    public async Task AnExportComesInWithItsIdsStatusesAndThreads()
    {
        var setting = await Provider.CreateMigratedAsync();
        await using var database = Database.Create(DatabaseUrl.Parse(setting));

        var (exitCode, stdout, stderr) = await ImportAsync(setting, WxrReaderTests.SmallExport);

        Assert.True(exitCode == 0, stderr);
        Assert.Contains("4 posts, 2 pages, 5 comments, 2 new authors, 2 sections, 1 tags, 1 redirects from old slugs", stdout, StringComparison.Ordinal);
        Assert.Contains("Skipped (not content): 1 custom_css, 1 nav_menu_item, 1 revision.", stdout, StringComparison.Ordinal);
        Assert.Contains("Repaired: 2 unescaped ampersands", stdout, StringComparison.Ordinal);
        Assert.Contains("Attachments: 1 not imported", stdout, StringComparison.Ordinal);
        Assert.Matches(@"\n  ada: http://localhost:5000/admin/welcome/[A-Za-z0-9_-]{43}\r?\n", stdout);
        Assert.Matches(@"\n  grace: http://localhost:5000/admin/welcome/[A-Za-z0-9_-]{43}\r?\n", stdout);
        Assert.Contains("Gazette:Site:BaseUrl is not set, so the links name localhost", stdout, StringComparison.Ordinal);
        Assert.Contains("Sticky: 1 posts", stdout, StringComparison.Ordinal);
        Assert.Contains("Permalinks: the site now makes links as WordPress did, /%year%/%monthnum%/%postname%/.", stdout, StringComparison.Ordinal);

        await using var connection = await database.OpenAsync();
        var articles = (await connection.QueryAsync<(long Id, string Kind, string Slug, string Status, long? ParentId)>(
            "select id, kind, slug, status, parent_id from articles where id in (10, 12, 13, 14, 20, 21) order by id")).AsList();
        Assert.Equal(
            [(10L, "article", "the-river-rises", "published", (long?)null), (12, "article", "draft-about-the-dam", "draft", null), (13, "article", "bridge-reopens", "scheduled", null),
             (14, "article", "members-only", "private", null), (20, "page", "about", "published", null), (21, "page", "team", "published", 20)],
            articles);
        var river = await connection.QuerySingleAsync<(string Summary, string BodyHtml, string CommentStatus)>("select summary, body_html, comment_status from articles where id = 10");
        Assert.Equal("The water reached the bridge at dawn. Nobody was hurt.", river.Summary);
        Assert.Contains("<figcaption>The bridge at 6 a.m.</figcaption>", river.BodyHtml, StringComparison.Ordinal);
        Assert.Contains("<p>Residents said the river had not been <em>this high</em> since 1998.</p>", river.BodyHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", river.BodyHtml, StringComparison.Ordinal);
        Assert.Equal("closed", await connection.ExecuteScalarAsync<string>("select comment_status from articles where id = 13"));
        Assert.Equal(["Floods"], await connection.QueryAsync<string>("select t.name from tags t join article_tags x on x.tag_id = t.id where x.article_id = 10"));
        // Filed by WordPress's slugs, so /category/local/ and /tag/floods/ are the addresses they had.
        Assert.Equal(
            [("local", "Local News")],
            await connection.QueryAsync<(string, string)>("select s.slug, s.name from sections s join article_sections x on x.section_id = s.id where x.article_id = 10"));
        Assert.Equal(["floods"], await connection.QueryAsync<string>("select t.slug from tags t join article_tags x on x.tag_id = t.id where x.article_id = 10"));

        var users = (await connection.QueryAsync<(long Id, string Login, string Name, string PasswordHash)>("select id, login, display_name, password_hash from users order by id")).AsList();
        Assert.Equal([(1L, "ada", "Ada Lovelace", ""), (7, "grace", "Grace Hopper", "")], users);
        Assert.Equal(["Ada Lovelace"], await connection.QueryAsync<string>("select name from bylines where article_id = 10 and user_id = 1"));

        var comments = (await connection.QueryAsync<(long Id, long? ParentId, string Status, string AuthorUrl, string Ip, long? UserId)>(
            "select id, parent_id, status, author_url, ip, user_id from comments where article_id = 10 order by id")).AsList();
        Assert.Equal(
            [(5L, (long?)null, "approved", "http://reader.example/?a=1&b=2", "192.0.2.10", (long?)null), (6, 5, "approved", "http://riverside.example", "192.0.2.1", 1),
             (8, 5, "pending", "", "192.0.2.11", null), (9, null, "spam", "http://spam.example/?ref=1&utm=x", "198.51.100.9", null), (11, null, "trash", "", "192.0.2.12", null)],
            comments);
        Assert.Equal(2, await connection.ExecuteScalarAsync<int>("select comment_count from articles where id = 10"));
        Assert.Equal("tom@reader.example", await connection.ExecuteScalarAsync<string>("select author_email from comments where id = 5"));
        Assert.Contains("<p>Stay safe, everyone.</p>", await connection.ExecuteScalarAsync<string>("select body_html from comments where id = 5"), StringComparison.Ordinal);
        Assert.Equal("/2024/03/the-river-rises/", await connection.ExecuteScalarAsync<string>("select to_path from redirects where from_path = '/2024/03/river-rising/'"));

        // The ids go on from WordPress's, not into them.
        await using (var insert = await database.OpenAsync())
        {
            Assert.True(await insert.ExecuteScalarAsync<long>(
                "insert into users (login, display_name, slug, email, password_hash, role, failed_logins, created_at) values ('new', 'New', 'new', 'new@x.invalid', '', 'author', 0, '2026-01-01T00:00:00Z') returning id") > 7);
        }

        var again = await ImportAsync(setting, WxrReaderTests.SmallExport);

        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Contains("0 posts, 0 pages, 0 comments, 0 new authors, 0 sections, 0 tags", again.Stdout, StringComparison.Ordinal);
        Assert.Contains("Already imported by an earlier run, left as they are: 6.", again.Stdout, StringComparison.Ordinal);
        Assert.Contains("Permalinks: the site now makes links as WordPress did", again.Stdout, StringComparison.Ordinal);
        Assert.Equal(6, await connection.ExecuteScalarAsync<int>("select count(*) from articles where id in (10, 12, 13, 14, 20, 21)"));
        Assert.Equal(5, await connection.ExecuteScalarAsync<int>("select count(*) from comments"));
        Assert.Equal(3, await connection.ExecuteScalarAsync<int>("select count(*) from users"));
    }

    [Fact]
    public async Task WithUploadsImagesGoIntoTheLibraryAndPostsLinkThere()
    {
        var setting = await Provider.CreateMigratedAsync();
        await using var database = Database.Create(DatabaseUrl.Parse(setting));
        var folder = Directory.CreateTempSubdirectory("gazette-import-").FullName;
        try
        {
            var uploads = Path.Combine(folder, "uploads");
            Directory.CreateDirectory(Path.Combine(uploads, "2024", "03"));
            await File.WriteAllBytesAsync(Path.Combine(uploads, "2024", "03", "bridge.jpg"), GeneratedPicture.Draw(3, "World").Jpeg);
            var environment = new Dictionary<string, string> { ["Gazette__Media__Folder"] = Path.Combine(folder, "media") };

            var (exitCode, stdout, stderr) = await GazetteProcess.RunAsync(folder, environment,
                "import", "wordpress", WxrReaderTests.SmallExport, "--uploads", uploads, "--database", setting, "--Logging:LogLevel:Default=Warning");

            Assert.True(exitCode == 0, stderr);
            Assert.Contains("Attachments: 1 of 1 in the media library", stdout, StringComparison.Ordinal);
            await using var connection = await database.OpenAsync();
            var river = await connection.QuerySingleAsync<(string BodyHtml, long? FeaturedMediaId)>("select body_html, featured_media_id from articles where id = 10");
            var media = await connection.QuerySingleAsync<(long Id, string Name)>("select id, name from media");
            Assert.Equal(media.Id, river.FeaturedMediaId);
            Assert.DoesNotContain("riverside.example/wp-content", river.BodyHtml, StringComparison.Ordinal);
            Assert.Contains(media.Name, river.BodyHtml, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task AWxr10ExportMakesItsAuthorsFromTheItemsCreators()
    {
        var setting = await Provider.CreateMigratedAsync();
        await using var database = Database.Create(DatabaseUrl.Parse(setting));
        var folder = Directory.CreateTempSubdirectory("gazette-import-").FullName;
        try
        {
            var file = Path.Combine(folder, "old.xml");
            await File.WriteAllTextAsync(file, """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.0/">
                <channel><title>Old blog</title><wp:wxr_version>1.0</wp:wxr_version>
                <wp:category><wp:category_nicename>misc</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name><![CDATA[Misc]]></wp:cat_name></wp:category>
                <item><title>From 2008</title><link>http://old.example/?p=3</link><dc:creator><![CDATA[oldtimer]]></dc:creator>
                <category><![CDATA[Misc]]></category><category domain="tag"><![CDATA[nostalgia]]></category>
                <content:encoded><![CDATA[Back then.]]></content:encoded>
                <wp:post_id>3</wp:post_id><wp:post_date>2008-05-01 10:00:00</wp:post_date><wp:post_date_gmt>2008-05-01 08:00:00</wp:post_date_gmt>
                <wp:post_name>from-2008</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>
                </channel></rss>
                """);

            var (exitCode, stdout, stderr) = await ImportAsync(setting, file);

            Assert.True(exitCode == 0, stderr);
            Assert.Contains("(WXR 1.0): 1 posts, 0 pages, 0 comments, 1 new authors", stdout, StringComparison.Ordinal);
            Assert.Contains("  oldtimer: http://localhost:5000/admin/welcome/", stdout, StringComparison.Ordinal);
            await using var connection = await database.OpenAsync();
            Assert.Equal("oldtimer", await connection.ExecuteScalarAsync<string>("select u.login from bylines b join users u on u.id = b.user_id where b.article_id = (select id from articles where slug = 'from-2008')"));
            Assert.Equal("Misc", await connection.ExecuteScalarAsync<string>("select s.name from sections s join article_sections x on x.section_id = s.id where x.article_id = (select id from articles where slug = 'from-2008')"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task ATruncatedExportIsNamedWithItsLineAndChangesNothing()
    {
        var setting = await Provider.CreateMigratedAsync();
        await using var database = Database.Create(DatabaseUrl.Parse(setting));
        var folder = Directory.CreateTempSubdirectory("gazette-import-").FullName;
        try
        {
            var whole = await File.ReadAllTextAsync(WxrReaderTests.SmallExport);
            var cut = Path.Combine(folder, "cut.xml");
            await File.WriteAllTextAsync(cut, whole[..whole.IndexOf("<title><![CDATA[About us]]>", StringComparison.Ordinal)]);
            await using var connection = await database.OpenAsync();

            var (exitCode, _, stderr) = await ImportAsync(setting, cut);

            Assert.Equal(1, exitCode);
            Assert.Matches(@"gazette: cut\.xml: line \d+: .* Nothing was imported\.", stderr);
            Assert.Equal(0, await connection.ExecuteScalarAsync<int>("select count(*) from articles where slug in ('the-river-rises', 'draft-about-the-dam', 'bridge-reopens', 'members-only')"));
            Assert.Equal(0, await connection.ExecuteScalarAsync<int>("select count(*) from users"));
            Assert.Equal(0, await connection.ExecuteScalarAsync<int>("select count(*) from import_map"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task TheSiteShowsAnImportedPostWithItsThreadAndHidesThePasswordProtectedOne()
    {
        var (exitCode, stdout, stderr) = await ImportAsync(Provider.Setting, WxrReaderTests.SmallExport);
        Assert.True(exitCode == 0, stderr);
        var welcome = System.Text.RegularExpressions.Regex.Match(stdout, @"  ada: http://localhost:5000(/admin/welcome/\S+)").Groups[1].Value;
        Assert.Contains("Welcome, Ada Lovelace", (await GetAsync(welcome)).Html, StringComparison.Ordinal);
        await using var connection = await Provider.Database.OpenAsync();
        var river = await connection.QuerySingleAsync<(DateTimeOffset PublishedAt, string Slug)>("select published_at, slug from articles where title = 'The river rises'");
        var members = await connection.QuerySingleAsync<(DateTimeOffset PublishedAt, string Slug)>("select published_at, slug from articles where title = 'Members only'");

        var page = await Client.GetStringAsync(TestLinks.Article(river.PublishedAt, river.Slug));

        Assert.Contains("Thanks, Tom.", page, StringComparison.Ordinal);
        Assert.Contains("class=\"children\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Is the ferry running?", page, StringComparison.Ordinal);
        Assert.DoesNotContain("tom@reader.example", page, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await Client.GetAsync(TestLinks.Article(members.PublishedAt, members.Slug))).StatusCode);
    }

    [Fact]
    public async Task AWordPressComExportBringsItsMediaShortcodesAndEveryOldLinkLeadsToItsPlace()
    {
        var folder = Directory.CreateTempSubdirectory("gazette-import-").FullName;
        try
        {
            var file = Path.Combine(folder, "wordpress-com.xml");
            await File.WriteAllTextAsync(file, WordPressComExport);

            var (exitCode, stdout, stderr) = await ImportAsync(Provider.Setting, file);

            Assert.True(exitCode == 0, stderr);
            Assert.Contains("1 posts, 0 pages", stdout, StringComparison.Ordinal);
            await using var connection = await Provider.Database.OpenAsync();
            var (publishedAt, slug) = await connection.QuerySingleAsync<(DateTimeOffset, string)>("select published_at, slug from articles where title = 'Harbour sounds'");
            var path = TestLinks.Article(publishedAt, slug);
            // The export's link names the post as it was once called; WordPress.com exports are written under https.
            var old = await Client.GetAsync("/2019/05/the-old-name-of-it/");
            Assert.Equal(System.Net.HttpStatusCode.MovedPermanently, old.StatusCode);
            Assert.Equal(path, old.Headers.Location?.OriginalString);
            var page = await Client.GetStringAsync(path);
            Assert.Contains("<audio controls=\"\" preload=\"none\" src=\"https://harbour.example/files/horn.mp3\">", page, StringComparison.Ordinal);
            Assert.Contains("<a href=\"https://www.youtube.com/watch?v=abc123\">https://www.youtube.com/watch?v=abc123</a>", page, StringComparison.Ordinal);
            Assert.Contains("<figure><img src=\"https://harbour.example/files/pier.jpg\" alt=\"The pier at dawn\" loading=\"lazy\"><figcaption>Fog on the pier</figcaption></figure>", page, StringComparison.Ordinal);
            Assert.DoesNotContain("[gallery", page, StringComparison.Ordinal);
            // WordPress's plain links name a category and an author by id; this site had its own, so the import map leads there.
            var byCategory = await Client.GetAsync("/?cat=9377");
            Assert.Equal("/section/harbour-news/", byCategory.Headers.Location?.OriginalString);
            var byAuthor = await Client.GetAsync("/?author=9301");
            Assert.Equal(System.Net.HttpStatusCode.MovedPermanently, byAuthor.StatusCode);
            Assert.Matches("^/author/harbour-master[^/]*/$", byAuthor.Headers.Location?.OriginalString);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task CoAuthorsPlusBylinesComeInOrderAsMembersAndGuestsWithoutAccounts()
    {
        var setting = await Provider.CreateMigratedAsync();
        await using var database = Database.Create(DatabaseUrl.Parse(setting));
        var folder = Directory.CreateTempSubdirectory("gazette-import-").FullName;
        try
        {
            var file = Path.Combine(folder, "co-authors.xml");
            await File.WriteAllTextAsync(file, CoAuthorsExport);

            var (exitCode, stdout, stderr) = await ImportAsync(setting, file);

            Assert.True(exitCode == 0, stderr);
            Assert.Contains("Guest authors: 2 (Co-Authors Plus) are bylines without an account.", stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("guest-author", stdout, StringComparison.Ordinal);
            await using var connection = await database.OpenAsync();
            var bylines = (await connection.QueryAsync<(long ArticleId, string Name, long? UserId)>("select article_id, name, user_id from bylines order by article_id, position")).ToList();
            Assert.Equal([(501L, "Jane Guest", (long?)null), (501L, "Ada Lovelace", 7L), (502L, "Reuters", null), (503L, "Ada Lovelace", 7L)], bylines);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task SectionsAndTagsNoPostUsesComeAlongWithTheirDescriptions()
    {
        var setting = await Provider.CreateMigratedAsync();
        await using var database = Database.Create(DatabaseUrl.Parse(setting));
        var folder = Directory.CreateTempSubdirectory("gazette-import-").FullName;
        try
        {
            var file = Path.Combine(folder, "terms.xml");
            await File.WriteAllTextAsync(file, """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/">
                <channel>
                  <title>Terms only</title>
                  <wp:wxr_version>1.2</wp:wxr_version>
                  <wp:category><wp:term_id>4</wp:term_id><wp:category_nicename><![CDATA[opinion]]></wp:category_nicename><wp:category_parent><![CDATA[]]></wp:category_parent><wp:cat_name><![CDATA[Opinion]]></wp:cat_name><wp:category_description><![CDATA[Our columnists]]></wp:category_description></wp:category>
                  <wp:tag><wp:term_id>9</wp:term_id><wp:tag_slug><![CDATA[elections-2027]]></wp:tag_slug><wp:tag_name><![CDATA[Elections 2027]]></wp:tag_name></wp:tag>
                </channel>
                </rss>
                """);

            var (exitCode, stdout, stderr) = await ImportAsync(setting, file);

            Assert.True(exitCode == 0, stderr);
            Assert.Contains("1 sections, 1 tags", stdout, StringComparison.Ordinal);
            await using var connection = await database.OpenAsync();
            Assert.Equal(("Opinion", "Our columnists"), await connection.QuerySingleAsync<(string, string)>("select name, description from sections where slug = 'opinion'"));
            Assert.Equal("Elections 2027", await connection.ExecuteScalarAsync<string>("select name from tags where slug = 'elections-2027'"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private const string CoAuthorsExport = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/"
             xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
        <channel>
          <title>Co-authored</title>
          <link>http://co.example</link>
          <wp:wxr_version>1.2</wp:wxr_version>
          <wp:author><wp:author_id>7</wp:author_id><wp:author_login><![CDATA[Ada.L]]></wp:author_login><wp:author_display_name><![CDATA[Ada Lovelace]]></wp:author_display_name></wp:author>
          <item>
            <title>Two bylines</title>
            <dc:creator><![CDATA[Ada.L]]></dc:creator>
            <content:encoded><![CDATA[Written together.]]></content:encoded>
            <wp:post_id>501</wp:post_id>
            <wp:post_date_gmt>2024-02-01 09:00:00</wp:post_date_gmt>
            <wp:post_name>two-bylines</wp:post_name>
            <wp:status>publish</wp:status>
            <wp:post_type>post</wp:post_type>
            <category domain="author" nicename="cap-jane-guest"><![CDATA[jane-guest]]></category>
            <category domain="author" nicename="cap-ada-l"><![CDATA[ada-l]]></category>
          </item>
          <item>
            <title>From the wire</title>
            <dc:creator><![CDATA[Ada.L]]></dc:creator>
            <content:encoded><![CDATA[Agency copy.]]></content:encoded>
            <wp:post_id>502</wp:post_id>
            <wp:post_date_gmt>2024-02-02 09:00:00</wp:post_date_gmt>
            <wp:post_name>from-the-wire</wp:post_name>
            <wp:status>publish</wp:status>
            <wp:post_type>post</wp:post_type>
            <category domain="author" nicename="cap-reuters"><![CDATA[reuters]]></category>
          </item>
          <item>
            <title>Plain author</title>
            <dc:creator><![CDATA[Ada.L]]></dc:creator>
            <content:encoded><![CDATA[No co-authors.]]></content:encoded>
            <wp:post_id>503</wp:post_id>
            <wp:post_date_gmt>2024-02-03 09:00:00</wp:post_date_gmt>
            <wp:post_name>plain-author</wp:post_name>
            <wp:status>publish</wp:status>
            <wp:post_type>post</wp:post_type>
          </item>
          <item>
            <title>Jane Guest</title>
            <wp:post_id>601</wp:post_id>
            <wp:post_name>cap-jane-guest</wp:post_name>
            <wp:status>publish</wp:status>
            <wp:post_type>guest-author</wp:post_type>
            <wp:postmeta><wp:meta_key>cap-display_name</wp:meta_key><wp:meta_value><![CDATA[Jane Guest]]></wp:meta_value></wp:postmeta>
            <wp:postmeta><wp:meta_key>cap-user_login</wp:meta_key><wp:meta_value><![CDATA[jane-guest]]></wp:meta_value></wp:postmeta>
          </item>
          <item>
            <title>Reuters</title>
            <wp:post_id>602</wp:post_id>
            <wp:post_name>cap-reuters</wp:post_name>
            <wp:status>publish</wp:status>
            <wp:post_type>guest-author</wp:post_type>
            <wp:postmeta><wp:meta_key>cap-display_name</wp:meta_key><wp:meta_value><![CDATA[Reuters]]></wp:meta_value></wp:postmeta>
          </item>
        </channel>
        </rss>
        """;

    private const string WordPressComExport = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:excerpt="https://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/"
             xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="https://wordpress.org/export/1.2/">
        <channel>
          <title>Harbour</title>
          <link>https://harbour.example</link>
          <wp:wxr_version>1.2</wp:wxr_version>
          <wp:base_blog_url>https://harbour.example</wp:base_blog_url>
          <wp:author><wp:author_id>9301</wp:author_id><wp:author_login>harbourmaster</wp:author_login><wp:author_display_name><![CDATA[Harbour Master]]></wp:author_display_name></wp:author>
          <wp:category><wp:term_id>9377</wp:term_id><wp:category_nicename>harbour-news</wp:category_nicename><wp:cat_name><![CDATA[Harbour news]]></wp:cat_name></wp:category>
          <item>
            <title>The pier at dawn</title>
            <wp:post_id>9107</wp:post_id>
            <wp:post_type><![CDATA[attachment]]></wp:post_type>
            <wp:status><![CDATA[inherit]]></wp:status>
            <wp:post_parent>9101</wp:post_parent>
            <excerpt:encoded><![CDATA[Fog on the pier]]></excerpt:encoded>
            <wp:attachment_url><![CDATA[https://harbour.example/files/pier.jpg]]></wp:attachment_url>
          </item>
          <item>
            <title>Harbour sounds</title>
            <link>https://harbour.example/2019/05/the-old-name-of-it/</link>
            <dc:creator><![CDATA[harbourmaster]]></dc:creator>
            <content:encoded><![CDATA[The horn at six:

        [audio mp3="https://harbour.example/files/horn.mp3"][/audio]

        https://www.youtube.com/watch?v=abc123

        [gallery ids="9107"]]]></content:encoded>
            <wp:post_id>9101</wp:post_id>
            <wp:post_date><![CDATA[2019-05-04 10:00:00]]></wp:post_date>
            <wp:post_date_gmt><![CDATA[2019-05-04 10:00:00]]></wp:post_date_gmt>
            <wp:post_name><![CDATA[harbour-sounds]]></wp:post_name>
            <wp:status><![CDATA[publish]]></wp:status>
            <wp:post_type><![CDATA[post]]></wp:post_type>
            <category domain="category" nicename="harbour-news"><![CDATA[Harbour news]]></category>
          </item>
        </channel>
        </rss>
        """;

    [Fact]
    public async Task ALatin1ExportComesInWithItsAccentsAndRepairedAmpersands()
    {
        var setting = await Provider.CreateMigratedAsync();
        await using var database = Database.Create(DatabaseUrl.Parse(setting));

        var (exitCode, stdout, stderr) = await ImportAsync(setting, WxrReaderTests.Latin1Export);

        Assert.True(exitCode == 0, stderr);
        Assert.Contains("1 posts, 0 pages, 1 comments, 1 new authors, 1 sections", stdout, StringComparison.Ordinal);
        Assert.Contains("Repaired: 2 unescaped ampersands", stdout, StringComparison.Ordinal);
        await using var connection = await database.OpenAsync();
        Assert.Equal("Cafés de Zürich \u2013 l\u2019été & la ville", await connection.ExecuteScalarAsync<string>("select title from articles where id = 40"));
        Assert.Contains("Les terrasses à Zürich &amp; Genève ont rouvert \u2014 « enfin ».", await connection.ExecuteScalarAsync<string>("select body_html from articles where id = 40"), StringComparison.Ordinal);
        Assert.Equal(("economie", "Économie", "Les marchés & l'emploi"), await connection.QuerySingleAsync<(string, string, string)>("select slug, name, description from sections"));
        Assert.Equal(("Renée", "http://lecteur.example/?q=crème&lang=fr"), await connection.QuerySingleAsync<(string, string)>("select author_name, author_url from comments where id = 41"));
        Assert.Equal("José Núñez", await connection.ExecuteScalarAsync<string>("select display_name from users where id = 4"));
    }

    [Fact]
    public async Task UserInvitePrintsALinkWithTheSiteAddressAndNamesAnUnknownLogin()
    {
        await Newsroom.AddUserAsync(Factory, "lin", NewsroomRole.Author, password: null);

        var invite = await GazetteProcess.RunAsync(Path.GetTempPath(), null, "user", "invite", "lin", "--database", Provider.Setting, "--Gazette:Site:BaseUrl=https://news.example.org");
        var unknown = await GazetteProcess.RunAsync(Path.GetTempPath(), null, "user", "invite", "nobody", "--database", Provider.Setting);

        Assert.True(invite.ExitCode == 0, invite.Stderr);
        var link = System.Text.RegularExpressions.Regex.Match(invite.Stdout, @"https://news\.example\.org(/admin/welcome/\S+)");
        Assert.True(link.Success, invite.Stdout);
        Assert.Contains("Welcome, Lin", (await GetAsync(link.Groups[1].Value)).Html, StringComparison.Ordinal);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("gazette: There is no account 'nobody'", unknown.Stderr, StringComparison.Ordinal);
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> ImportAsync(string setting, string file) =>
        GazetteProcess.RunAsync(Path.GetTempPath(), null, "import", "wordpress", file, "--database", setting, "--Logging:LogLevel:Default=Warning");
}

public sealed class ImportCommandTestsOnSqlite(SqliteProvider provider) : ImportCommandTests<SqliteProvider>(provider);

public sealed class ImportCommandTestsOnPostgres(PostgresProvider provider) : ImportCommandTests<PostgresProvider>(provider);
