using Dapper;
using Gazette.Storage;
using Gazette.Tests.Export;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Import;

/// <summary>
/// Issue 12's round trip: a site exported with <c>gazette export wordpress</c>
/// and imported into an empty site with <c>gazette import wordpress</c> has the
/// same articles, pages, terms (and the sections' tree), members and comments, with their ids. What
/// is known not to come back the same is left out of the comparison and
/// named here: a title's markup (Gazette's titles are text), members' logins (the export names them by
/// their public slug, decision 110), and a guest byline, which comes back a
/// member without a password; and roles, which WXR does not carry (every
/// imported member is an author). The media library comes back through
/// <c>--uploads</c> with the same files, alt text and featured images, and the
/// page's inline image names the new library's file; an image's original name
/// comes back as the file name the export gave it (WordPress's rules).
/// </summary>
public abstract class RoundTripTests<TProvider>(TProvider provider) : IClassFixture<TProvider>
    where TProvider : DatabaseProvider
{
    [Fact]
    public async Task AnExportImportedIntoAnEmptySiteGivesTheSameContent()
    {
        var folder = Directory.CreateTempSubdirectory("gazette-round-trip-").FullName;
        var sourceMedia = Path.Combine(folder, "source-media");
        var targetMedia = Path.Combine(folder, "target-media");
        var source = await provider.CreateMigratedAsync();
        await using var sourceDatabase = Database.Create(DatabaseUrl.Parse(source));
        await ExportSite.SeedAsync(sourceDatabase, sourceMedia);
        var target = await provider.CreateMigratedAsync();
        await using var targetDatabase = Database.Create(DatabaseUrl.Parse(target));
        try
        {
            var file = Path.Combine(folder, "site.xml");
            var uploads = Path.Combine(folder, "uploads");
            var exported = await GazetteProcess.RunAsync(folder, new Dictionary<string, string> { ["Gazette__Media__Folder"] = sourceMedia },
                "export", "wordpress", file, "--uploads", uploads, "--database", source, "--Gazette:SampleContent=false", "--Logging:LogLevel:Default=Warning");
            Assert.True(exported.ExitCode == 0, exported.Stderr);
            Assert.Contains($"Copied 1 image files to {uploads}.", exported.Stdout, StringComparison.Ordinal);

            var imported = await GazetteProcess.RunAsync(folder, new Dictionary<string, string> { ["Gazette__Media__Folder"] = targetMedia },
                "import", "wordpress", file, "--uploads", uploads, "--database", target, "--Gazette:SampleContent=false", "--Logging:LogLevel:Default=Warning");
            Assert.True(imported.ExitCode == 0, imported.Stderr + imported.Stdout);
            Assert.Contains("Attachments: 1 of 1 in the media library", imported.Stdout, StringComparison.Ordinal);

            foreach (var query in Compared)
            {
                Assert.Equal(await RowsAsync(sourceDatabase, query), await RowsAsync(targetDatabase, query));
            }
            // Scheduled for a time that has passed by now (the site's dates are fixed in 2024): WordPress publishes such a post too.
            Assert.Equal(["3 | published"], await RowsAsync(targetDatabase, "select id, status from articles where id = 3"));
            Assert.Equal(ExportSite.Photo, await File.ReadAllBytesAsync(Path.Combine(targetMedia, ExportSite.PhotoName[..2], ExportSite.PhotoName)));
            var page = await RowsAsync(targetDatabase, "select body_html from articles where id = 5");
            Assert.Contains($"src=\"/media/{ExportSite.PhotoName}\"", page[0], StringComparison.Ordinal);
            Assert.DoesNotContain("localhost", page[0], StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>What must come back the same; each row read as text so both databases compare alike.</summary>
    private static readonly string[] Compared =
    [
        "select id, kind, slug, status, parent_id, comment_status from articles where id <> 3 order by id",
        "select id, title from articles where id > 1 order by id",
        "select a.id, s.slug, s.name, s.description from articles a join article_sections x on x.article_id = a.id join sections s on s.id = x.section_id order by a.id, s.slug",
        "select s.slug, coalesce(p.slug, '') from sections s left join sections p on p.id = s.parent_id order by s.slug",
        "select a.id, t.slug, t.name, t.description from articles a join article_tags x on x.article_id = a.id join tags t on t.id = x.tag_id order by a.id, t.slug",
        "select id, display_name from users where id in (11, 12) order by id",
        "select id, article_id, parent_id, author_name, author_email, author_url, status, ip, user_id from comments order by id",
        "select content_hash, name, mime_type, width, height, byte_size, alt_text, caption from media order by content_hash",
        "select a.id, m.content_hash from articles a join media m on m.id = a.featured_media_id order by a.id",
    ];

    private static async Task<List<string>> RowsAsync(Database database, string query)
    {
        await using var connection = await database.OpenAsync();
        var rows = await connection.QueryAsync(query);
        return rows.Select(row => string.Join(" | ", ((IDictionary<string, object?>)row).Values.Select(value => value?.ToString() ?? "null"))).ToList();
    }
}

public sealed class RoundTripTestsOnSqlite(SqliteProvider provider) : RoundTripTests<SqliteProvider>(provider);

public sealed class RoundTripTestsOnPostgres(PostgresProvider provider) : RoundTripTests<PostgresProvider>(provider);
