using System.Text;
using Dapper;
using DbUp;
using DbUp.Engine;
using Gazette.Storage;
using Gazette.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gazette.Tests.Storage;

/// <summary>
/// Every schema change runs here on a populated database made by the previous
/// release: no row lost, no foreign key broken, and the result the same schema
/// a new install gets. Release 1's scripts are kept as released under Release1/.
/// </summary>
public abstract class UpgradeTests<TProvider>(TProvider provider) : IClassFixture<TProvider>
    where TProvider : DatabaseProvider
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task APopulatedRelease1DatabaseUpgradesWithEveryRowAndKeyIntact()
    {
        await using var database = Database.Create(DatabaseUrl.Parse(await provider.CreateEmptyAsync()));
        MigrateRelease1(database);
        await PopulateAsync(database);
        var before = await CountRowsAsync(database);

        var applied = await Migrator(database).MigrateAsync();

        Assert.Equal(["0008_events.sql", "0009_health_probe.sql", "0010_comment_text_hash.sql", "0011_contributor_role.sql", "0012_sessions_and_login_failures.sql", "0013_editorial.sql", "0015_media.sql", "0016_moderation_and_audit.sql", "0019_featured_image.sql", "0020_search.sql", "0021_archives.sql", "0022_byline_member_index.sql", "0023_related_articles.sql", "0025_search_bm25.sql", "0026_import_map.sql", "0027_application_passwords.sql", "0029_password_links.sql", "0030_section_parents.sql", "0031_article_notices.sql", "0032_front_pages.sql", "0033_bylines_and_datelines.sql", "0034_live_blogs.sql", "0035_stored_totals.sql", "0036_comment_replies.sql", "0037_section_listing.sql"], applied);
        var after = await CountRowsAsync(database);
        Assert.Equal(before.Where(table => table.Key != "cache_evictions"), after.Where(table => table.Key is not ("events" or "event_cursors" or "health_probes" or "sessions" or "login_failures" or "media" or "audit" or "article_revisions" or "article_autosaves" or "article_locks" or "preview_links" or "import_map" or "application_passwords" or "password_links" or "article_notices" or "front_picks" or "breaking_news" or "live_blogs" or "live_entries" or "article_totals" or "comment_totals") && !table.Key.StartsWith("search_", StringComparison.Ordinal) && !table.Key.StartsWith("related_", StringComparison.Ordinal)));
        Assert.DoesNotContain("cache_evictions", after.Keys);
        Assert.Empty(await ForeignKeyProblemsAsync(database));
        await using var connection = await database.OpenAsync();
        Assert.Equal(2, await connection.ExecuteScalarAsync<int>("select comment_count from articles where slug = 'first'"));
        Assert.Equal(await connection.ExecuteScalarAsync<int>("select sum(comment_count) from articles"), await connection.ExecuteScalarAsync<int>("select sum(approved) from comment_totals"));
        Assert.Equal(await connection.ExecuteScalarAsync<int>("select count(*) from articles where kind = 'article' and status = 'published'"),
            await connection.ExecuteScalarAsync<int>("select published from article_totals where kind = 'article'"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>(
            "select count(*) from article_sections x join articles a on a.id = x.article_id where (x.published_at is null) <> (a.published_at is null) or x.published_at <> a.published_at"));
        Assert.Equal("editor", await connection.ExecuteScalarAsync<string>("select u.login from bylines b join users u on u.id = b.user_id"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("select count(*) from bylines where organization"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("select count(*) from articles where dateline <> ''"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("select min(version) from articles"));
        await connection.ExecuteAsync("update articles set status = 'pending' where slug = 'second'");
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => connection.ExecuteAsync("update articles set status = 'limbo' where slug = 'second'"));
    }

    [Fact]
    public async Task CommentsFromBeforeTheUpgradeGetTheirTextHashWhereTheDatabaseCanComputeIt()
    {
        await using var database = Database.Create(DatabaseUrl.Parse(await provider.CreateEmptyAsync()));
        MigrateRelease1(database);
        await PopulateAsync(database);

        await Migrator(database).MigrateAsync();

        await using var connection = await database.OpenAsync();
        var rows = (await connection.QueryAsync<(long ArticleId, string BodySource, string TextHash)>(
            "select article_id, body_source, text_hash from comments")).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.Equal(
            database.Dialect == SqlDialect.Postgres ? Gazette.Comments.CommentStore.TextHash(row.ArticleId, row.BodySource) : "",
            row.TextHash));
    }

    [Fact]
    public async Task AnUpgradedDatabaseHasTheSchemaOfANewOne()
    {
        await using var upgraded = Database.Create(DatabaseUrl.Parse(await provider.CreateEmptyAsync()));
        MigrateRelease1(upgraded);
        await Migrator(upgraded).MigrateAsync();

        Assert.Equal(Describe(await SchemaReader.TablesAsync(provider.Database)), Describe(await SchemaReader.TablesAsync(upgraded)));
        Assert.Equal(await SchemaReader.IndexesAsync(provider.Database), await SchemaReader.IndexesAsync(upgraded));
        Assert.Empty(await Migrator(upgraded).MigrateAsync());
    }

    private static SchemaMigrator Migrator(Database database) =>
        new(database, Gazette.Web.GazetteApp.MigrationSources(Program.Modules), NullLogger<SchemaMigrator>.Instance);

    /// <summary>The first release's scripts, applied by DbUp as that release applied them (journal and all).</summary>
    internal static void MigrateRelease1(Database database)
    {
        var assembly = typeof(UpgradeTests<>).Assembly;
        var prefix = $"Gazette.Tests.Storage.Release1.{database.Dialect.Name}.";
        var scripts = assembly.GetManifestResourceNames().Where(name => name.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal)
            .Select(name =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!, Encoding.UTF8);
                // Recorded under the resource name the first release's build gave it.
                return new SqlScript($"Gazette.Storage.Migrations.{database.Dialect.Name}.{name[prefix.Length..]}", reader.ReadToEnd());
            })
            .ToList();
        Assert.Equal(["0001_initial.sql", "0002_comments.sql"], scripts.Select(script => script.Name[(script.Name.LastIndexOf('.', script.Name.Length - 5) + 1)..]));
        var deploy = database switch
        {
            SqliteDatabase sqlite => DeployChanges.To.SqliteDatabase(sqlite.ConnectionString),
            _ => DeployChanges.To.PostgresqlDatabase(((PostgresDatabase)database).Url.ConnectionString),
        };
        var result = deploy.WithScripts(scripts).WithTransactionPerScript().LogToNowhere().Build().PerformUpgrade();
        Assert.True(result.Successful, result.Error?.Message);
    }

    /// <summary>A row or more in every table release 1 had, related as the site relates them.</summary>
    private static async Task PopulateAsync(Database database)
    {
        await using var connection = await database.OpenAsync();
        var now = Now;
        await connection.ExecuteAsync(
            "insert into users (login, display_name, slug, email, password_hash, role, created_at) values ('editor', 'Ed Itor', 'ed-itor', 'ed@example.org', 'x', 'editor', @now)", new { now });
        await connection.ExecuteAsync("insert into sections (slug, name, article_count) values ('world', 'World', 2)");
        await connection.ExecuteAsync("insert into tags (slug, name, article_count) values ('china', 'China', 1)");
        foreach (var slug in new[] { "first", "second" })
        {
            await connection.ExecuteAsync(
                """
                insert into articles (kind, slug, title, summary, body_markdown, body_html, status, published_at, created_at, updated_at, comment_status, comment_count, premoderated)
                values ('article', @slug, @slug, '', 'Body', '<p>Body</p>', 'published', @now, @now, @now, 'open', @count, @premoderated)
                """,
                new { slug, now, count = slug == "first" ? 2 : 0, premoderated = slug == "second" });
        }
        var first = await connection.ExecuteScalarAsync<long>("select id from articles where slug = 'first'");
        var editor = await connection.ExecuteScalarAsync<long>("select id from users where login = 'editor'");
        await connection.ExecuteAsync("insert into article_sections (article_id, section_id, position) select id, (select id from sections), 0 from articles");
        await connection.ExecuteAsync("insert into article_tags (article_id, tag_id) values (@first, (select id from tags))", new { first });
        await connection.ExecuteAsync("insert into bylines (article_id, position, user_id, name) values (@first, 0, @editor, 'Ed Itor')", new { first, editor });
        var parent = await connection.ExecuteScalarAsync<long>(
            """
            insert into comments (article_id, parent_id, author_name, author_email, body_source, body_html, status, created_at, ip, report_count, fingerprint)
            values (@first, null, 'Jane', 'jane@example.org', 'First!', '<p>First!</p>', 'approved', @now, '192.0.2.1', 1, 'f1')
            returning id
            """, new { first, now });
        await connection.ExecuteAsync(
            """
            insert into comments (article_id, parent_id, author_name, author_email, body_source, body_html, status, created_at, fingerprint)
            values (@first, @parent, 'John', 'john@example.org', 'A reply', '<p>A reply</p>', 'approved', @now, 'f2'),
                   (@first, null, 'Spammer', 'spam@example.org', 'Buy', '<p>Buy</p>', 'spam', @now, 'f3')
            """, new { first, parent, now });
        await connection.ExecuteAsync("insert into comment_reports (comment_id, reporter, created_at) values (@parent, 'hmac', @now)", new { parent, now });
        await connection.ExecuteAsync("insert into settings (key, value, updated_at) values ('site.sample_content_published_at', 'x', @now)", new { now });
        await connection.ExecuteAsync("insert into redirects (from_path, to_path, created_at) values ('/old/', '/2026/11/first/', @now)", new { now });
        await connection.ExecuteAsync("insert into secrets (name, value, created_at) values ('install', 'c2VjcmV0', @now)", new { now });
        await connection.ExecuteAsync("insert into data_protection_keys (friendly_name, xml, created_at) values ('key-1', '<key/>', @now)", new { now });
        await connection.ExecuteAsync("insert into cache_evictions (tag, origin, created_at) values ('home', 'test', @now)", new { now });
    }

    private static async Task<SortedDictionary<string, long>> CountRowsAsync(Database database)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        await using var connection = await database.OpenAsync();
        foreach (var table in (await SchemaReader.TablesAsync(database)).Keys.Where(name => !name.Equals("schemaversions", StringComparison.OrdinalIgnoreCase)))
        {
            counts[table] = await connection.ExecuteScalarAsync<long>($"select count(*) from {table}");
        }
        return counts;
    }

    /// <summary>SQLite checks keys only when asked (a table rebuild can leave orphans); PostgreSQL never lets one in.</summary>
    private static async Task<List<string>> ForeignKeyProblemsAsync(Database database)
    {
        if (database is not SqliteDatabase)
        {
            return [];
        }
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<string>("select \"table\" from pragma_foreign_key_check")).AsList();
    }

    private static List<string> Describe(Dictionary<string, List<SchemaReader.Column>> tables) =>
        tables.SelectMany(table => table.Value.Select(column => $"{table.Key}.{column.Name} {(column.Nullable ? "null" : "not null")}"))
            .Order(StringComparer.Ordinal)
            .ToList();
}

public sealed class UpgradeTestsOnSqlite(SqliteProvider provider) : UpgradeTests<SqliteProvider>(provider);

public sealed class UpgradeTestsOnPostgres(PostgresProvider provider) : UpgradeTests<PostgresProvider>(provider);
