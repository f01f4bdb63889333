using Dapper;
using Gazette.Articles;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Articles;

/// <summary>
/// <c>gazette generate</c> with the real executable on both databases: news
/// with bylines of members who cannot sign in, approved comment threads the
/// counters know, drawn featured images in the library, shown by the site, and
/// the long discussion under the sample article that the benchmarks measure.
/// </summary>
public abstract class GenerateCommandTests<TProvider>(TProvider provider) : SiteTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    [Fact]
    public async Task GenerateMakesNewsWithMembersThreadsAndPictures()
    {
        var folder = Directory.CreateTempSubdirectory("gazette-generate-").FullName;
        var media = Path.Combine(folder, "media");
        try
        {
            await GenerateAndCheckAsync(folder, media);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task GenerateAndCheckAsync(string folder, string media)
    {
        var (exitCode, stdout, stderr) = await GazetteProcess.RunAsync(folder, new Dictionary<string, string> { ["Gazette__Media__Folder"] = media },
            "generate", "--articles", "40", "--images", "3", "--seed", "5", "--discussion", "60", "--database", Provider.Setting, "--Logging:LogLevel:Default=Warning");

        Assert.True(exitCode == 0, stderr);
        Assert.Contains("40 articles published", stdout, StringComparison.Ordinal);
        Assert.Contains("60 comments added under the sample article", stdout, StringComparison.Ordinal);
        await using var connection = await Provider.Database.OpenAsync();
        var sample = await connection.QuerySingleAsync<(int Approved, int Replies)>(
            "select count(*), count(c.parent_id) from comments c join articles a on a.id = c.article_id where a.title = @title and c.status = 'approved'",
            new { title = SampleContent.Title });
        Assert.Equal(60, sample.Approved);
        Assert.InRange(sample.Replies, 1, 59);
        var featured = (await connection.QueryAsync<(long Article, string Name)>(
            "select a.id, m.name from articles a join media m on m.id = a.featured_media_id")).AsList();
        Assert.Equal(3, featured.Count);
        Assert.All(featured, image => Assert.True(File.Exists(Path.Combine(media, image.Name[..2], image.Name)), image.Name));
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>(
            "select count(*) from bylines b join articles a on a.id = b.article_id where a.featured_media_id is not null and b.user_id is null"));
        Assert.InRange(await connection.ExecuteScalarAsync<int>(
            "select count(distinct u.id) from users u join bylines b on b.user_id = u.id where u.password_hash = '' and u.role = 'author'"), 5, ArticleGenerator.Roster.Count);
        Assert.True(await connection.ExecuteScalarAsync<int>("select count(*) from comments where parent_id is not null and status = 'approved'") > 0);
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>(
            "select count(*) from articles a where a.comment_count <> (select count(*) from comments c where c.article_id = a.id and c.status = 'approved')"));

        var discussed = await connection.QuerySingleAsync<(DateTimeOffset PublishedAt, string Slug)>(
            "select published_at, slug from articles where id = (select min(c.article_id) from comments c where c.parent_id is not null)");
        var page = await Client.GetStringAsync(TestLinks.Article(discussed.PublishedAt, discussed.Slug));
        Assert.Contains("class=\"children\"", page, StringComparison.Ordinal);
        var pictured = await connection.QuerySingleAsync<(DateTimeOffset PublishedAt, string Slug)>(
            "select published_at, slug from articles where id = @id", new { id = featured[0].Article });
        Assert.Contains("An abstract illustration for", await Client.GetStringAsync(TestLinks.Article(pictured.PublishedAt, pictured.Slug)), StringComparison.Ordinal);
    }
}

public sealed class GenerateCommandTestsOnSqlite(SqliteProvider provider) : GenerateCommandTests<SqliteProvider>(provider);

public sealed class GenerateCommandTestsOnPostgres(PostgresProvider provider) : GenerateCommandTests<PostgresProvider>(provider);
