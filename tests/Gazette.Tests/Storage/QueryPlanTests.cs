using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using Gazette.Articles.Contracts;
using Gazette.Storage;
using Gazette.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Gazette.Tests.Storage;

/// <summary>
/// Every public request path against a seeded site, every statement it runs read
/// where all of the site's SQL passes (<see cref="Database.Opened"/>), and none
/// may read a whole big table (decision 166): on SQLite by EXPLAIN QUERY PLAN of
/// each statement, on PostgreSQL by the plans auto_explain reports as each runs,
/// with sequential scans turned off, so a table read whole is one no index serves.
/// </summary>
public abstract partial class QueryPlanTests<TProvider>(TProvider provider) : CommentTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    /// <summary>Tables that grow with the site: a statement may read one only through an index.</summary>
    private static readonly HashSet<string> BigTables =
    [
        "articles", "comments", "events", "article_sections", "article_tags", "bylines", "comment_reports", "redirects",
        "article_revisions", "article_notices", "related_articles", "audit", "media", "live_entries", "import_map",
    ];

    /// <summary>Statements allowed to read a big table whole, by a fragment of their text, each with why.</summary>
    private static readonly Dictionary<string, string> Allowed = new(StringComparer.Ordinal)
    {
    };

    private const string Control = "query plan control";

    private readonly ConcurrentQueue<string> _statements = new();
    private readonly ConcurrentQueue<string> _plans = new();

    private long _replied;

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Gazette:Discussion:FloodSeconds"] = "0";
        settings["Gazette:Discussion:MinFillSeconds"] = "0";
        settings["Gazette:Discussion:ThreadsPerPage"] = "5";
    }

    [Fact]
    public async Task NoPublicRequestReadsABigTableWhole()
    {
        var paths = await SeedAsync();
        var database = Factory.Services.GetRequiredService<Database>();
        database.Opened += Listen;
        try
        {
            foreach (var path in paths)
            {
                using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
                Assert.True(response.StatusCode is HttpStatusCode.OK, $"{path} answered {response.StatusCode}");
            }
            using var posted = await PostCommentAsync(Fields("A comment posted while every statement is read."));
            Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
            using var reply = await PostCommentAsync(Fields("A reply posted while every statement is read.", parent: _replied));
            Assert.Equal(HttpStatusCode.SeeOther, reply.StatusCode);
            // The author's own views: their pending comment placed among the threads.
            foreach (var own in new[] { posted, reply })
            {
                using var view = await Client.GetAsync(own.Headers.Location);
                Assert.Equal(HttpStatusCode.OK, view.StatusCode);
            }
            // The control: a statement no index serves must be seen, or the test proves nothing.
            await using var connection = await database.OpenAsync();
            await connection.ExecuteAsync($"select id from articles where summary = '{Control}'");
        }
        finally
        {
            database.Opened -= Listen;
        }

        var scans = Provider.Database.Dialect == SqlDialect.Postgres ? PostgresScans() : await SqliteScansAsync();
        Assert.Contains(scans, scan => scan.Contains(Control, StringComparison.Ordinal));
        var refused = scans.Where(scan => !scan.Contains(Control, StringComparison.Ordinal) && !Allowed.Keys.Any(scan.Contains)).Distinct().ToList();
        Assert.True(refused.Count == 0, "Full scans of big tables:\n" + string.Join("\n\n", refused));
    }

    /// <summary>A site with enough of everything that each path has something to show, and the paths to ask for.</summary>
    private async Task<List<string>> SeedAsync()
    {
        const string writer = "Plan Writer";
        var member = (await Factory.Services.GetRequiredService<IBylineMembers>().EnsureAsync([writer], CancellationToken.None))[writer];
        for (var i = 0; i < 12; i++)
        {
            await PublishAsync(Story($"Plan story {i} {Guid.NewGuid():N}", sections: ["Planning"], tags: ["Indexes"])
                with { Bylines = [writer], BylineMembers = new Dictionary<string, long> { [writer] = member } });
        }
        for (var i = 0; i < 12; i++)
        {
            await ApprovedCommentAsync($"Approved comment {i} on the sample article.");
        }
        _replied = await ApprovedCommentAsync("An approved comment with replies.");
        await ApprovedCommentAsync("An approved reply.", parent: _replied);
        await using var connection = await Provider.Database.OpenAsync();
        var sectionId = await connection.ExecuteScalarAsync<long>("select id from sections where slug = 'planning'");
        var author = await connection.ExecuteScalarAsync<string?>("select min(u.slug) from users u join bylines b on b.user_id = u.id");
        var oldest = await connection.ExecuteScalarAsync<long>("select max(id) from articles");
        Assert.NotNull(author);
        return
        [
            Article, ArticleUrls.CommentPage(Article, 2), Article + "feed/",
            "/", ArticleUrls.Older("/", oldest), "/section/planning/", "/tag/indexes/", $"/author/{author}/", "/2024/", "/2024/04/", "/sections/",
            "/feed/", "/feed/atom/", "/feed.json", "/comments/feed/", "/section/planning/feed/",
            "/sitemap.xml", "/sitemap-articles-1.xml", "/news-sitemap.xml", "/robots.txt",
            "/search?q=plan",
            "/wp-json/wp/v2/posts", "/wp-json/wp/v2/posts?page=2&per_page=5", $"/wp-json/wp/v2/posts?categories={sectionId}", "/wp-json/wp/v2/pages",
            "/wp-json/wp/v2/comments", "/wp-json/wp/v2/comments?post=1", "/wp-json/wp/v2/categories", "/wp-json/wp/v2/tags", "/wp-json/wp/v2/users",
            "/api/v1/site", "/api/v1/search?q=plan", "/api/v1/articles/1/related",
        ];
    }

    private void Listen(DbConnection connection)
    {
        switch (connection)
        {
            case SqliteConnection sqlite:
                SQLitePCL.raw.sqlite3_trace(sqlite.Handle, (_, sql) => _statements.Enqueue(sql), null);
                break;
            case NpgsqlConnection postgres:
                postgres.Notice += (_, notice) => _plans.Enqueue(notice.Notice.MessageText);
                connection.Execute("""
                    load 'auto_explain';
                    set auto_explain.log_min_duration = 0;
                    set auto_explain.log_level = notice;
                    set enable_seqscan = off;
                    """);
                break;
        }
    }

    /// <summary>Each statement SQLite ran, planned again, and the big tables a plan reads without an index.</summary>
    private async Task<List<string>> SqliteScansAsync()
    {
        var scans = new List<string>();
        await using var connection = await Provider.Database.OpenAsync();
        // An insert of values reads no table (the plan SQLite shows for its RETURNING names the target as scanned).
        foreach (var sql in _statements.Distinct().Where(sql => Planned().IsMatch(sql) && !InsertOfValues().IsMatch(sql)))
        {
            var aliases = Aliases(sql);
            foreach (var (_, _, _, detail) in await connection.QueryAsync<(long Id, long Parent, long Unused, string Detail)>("explain query plan " + sql))
            {
                if (FullScan().Match(detail) is { Success: true } scan && aliases.GetValueOrDefault(scan.Groups[1].Value, scan.Groups[1].Value) is var table && BigTables.Contains(table))
                {
                    scans.Add($"{table}: {detail} in: {sql}");
                }
            }
        }
        return scans;
    }

    /// <summary>The big tables PostgreSQL read sequentially although told not to: no index could serve.</summary>
    private List<string> PostgresScans() =>
        [.. _plans.SelectMany(plan => SeqScan().Matches(plan).Select(scan => (scan.Groups[1].Value, plan)))
            .Where(found => BigTables.Contains(found.Item1))
            .Select(found => $"{found.Item1}: {found.plan}")];

    /// <summary>The names a statement gives its tables (<c>from articles a</c>), so a plan's "SCAN a" is known to be articles.</summary>
    private static Dictionary<string, string> Aliases(string sql)
    {
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match match in TableReference().Matches(sql))
        {
            var table = match.Groups[1].Value;
            aliases[match.Groups[2].Success && !Keyword().IsMatch(match.Groups[2].Value) ? match.Groups[2].Value : table] = table;
        }
        return aliases;
    }

    [GeneratedRegex(@"^\s*(select|with|insert|update|delete)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Planned();

    [GeneratedRegex(@"^\s*insert\b(?![\s\S]*\bselect\b)", RegexOptions.IgnoreCase)]
    private static partial Regex InsertOfValues();

    [GeneratedRegex(@"^SCAN (\w+)(?: USING (?:COVERING )?INDEX \w+)?$")]
    private static partial Regex FullScan();

    [GeneratedRegex(@"Seq Scan on (\w+)")]
    private static partial Regex SeqScan();

    [GeneratedRegex(@"\b(?:from|join|update|into)\s+(\w+)(?:\s+(?:as\s+)?(\w+))?", RegexOptions.IgnoreCase)]
    private static partial Regex TableReference();

    [GeneratedRegex(@"^(where|join|left|inner|on|order|group|limit|set|values|select|union|as|using|natural|cross)$", RegexOptions.IgnoreCase)]
    private static partial Regex Keyword();
}

public sealed class QueryPlanTestsOnSqlite(SqliteProvider provider) : QueryPlanTests<SqliteProvider>(provider);

public sealed class QueryPlanTestsOnPostgres(PostgresProvider provider) : QueryPlanTests<PostgresProvider>(provider);
