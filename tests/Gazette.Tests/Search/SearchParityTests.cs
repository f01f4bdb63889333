using System.Globalization;
using Gazette.Search;
using Gazette.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Gazette.Tests.Search;

/// <summary>
/// The committed suite (bench/search-queries.txt) over the same generated
/// paper, English and Chinese, on SQLite and on PostgreSQL: the top 3 agree
/// for at least 80% (decision 94), though bm25 and ts_rank rank differently.
/// </summary>
public sealed class SearchParityTests(SqliteProvider sqlite, PostgresProvider postgres, ITestOutputHelper output) : IClassFixture<SqliteProvider>, IClassFixture<PostgresProvider>
{
    private const int Articles = 1500;
    private const int Chinese = 300;

    [Fact]
    public void TheOverlapCountsSharedResultsOfTheTopThree()
    {
        Assert.Equal(2.0 / 3, SearchParity.QueryOverlap([1, 2, 3, 4], [3, 1, 5]));
        Assert.Equal(0.5, SearchParity.QueryOverlap([7, 8], [8]));
        Assert.Equal(1.0, SearchParity.Overlap([([], []), ([1], [1])]));
    }

    [Fact]
    public async Task TheTopThreeAgreeForAtLeast80PercentOfTheSuite()
    {
        var queries = SuiteQueries();
        var onSqlite = await TopThreeAsync(sqlite, queries);
        var onPostgres = await TopThreeAsync(postgres, queries);
        var answers = onSqlite.Zip(onPostgres).ToList();

        var overlap = SearchParity.Overlap(answers);
        output.WriteLine($"top-3 overlap {overlap.ToString("P1", CultureInfo.InvariantCulture)} over {answers.Count(pair => pair.First.Count + pair.Second.Count > 0)} queries with results");

        var worst = queries.Zip(answers).Where(pair => pair.Second.First.Count + pair.Second.Second.Count > 0)
            .OrderBy(pair => SearchParity.QueryOverlap(pair.Second.First, pair.Second.Second)).Take(10)
            .Select(pair => $"{pair.First}: [{string.Join(',', pair.Second.First)}] vs [{string.Join(',', pair.Second.Second)}]");
        Assert.True(overlap >= 0.8, $"overlap {overlap.ToString("P1", CultureInfo.InvariantCulture)}; least alike: {string.Join("; ", worst)}");
        Assert.True(answers.Count(pair => pair.First.Count > 0) >= 150, "most of the suite finds something");
        Assert.All(queries.Where(query => query is "中国" or "外交" or "中" or "经济增长").Select(query => answers[queries.IndexOf(query)]),
            pair => Assert.NotEmpty(pair.First));
    }

    /// <summary>The suite's queries: one a line, # starts a comment.</summary>
    private static List<string> SuiteQueries() =>
        [.. File.ReadAllLines(Repository.Path("bench", "search-queries.txt")).Where(line => line.Length > 0 && !line.StartsWith('#'))];

    /// <summary>Generates the paper with the real executable, builds the index and asks every query for its first three article ids.</summary>
    private static async Task<List<IReadOnlyList<long>>> TopThreeAsync(DatabaseProvider provider, List<string> queries)
    {
        var folder = Directory.CreateTempSubdirectory("gazette-parity-").FullName;
        try
        {
            var (exitCode, _, stderr) = await GazetteProcess.RunAsync(folder, null,
                "generate", "--articles", $"{Articles}", "--chinese", $"{Chinese}", "--images", "0", "--seed", "11", "--database", provider.Setting, "--Logging:LogLevel:Default=Warning");
            Assert.True(exitCode == 0, stderr);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
        await using var factory = new GazetteFactory(provider);
        factory.Clock.SetUtcNow(DateTimeOffset.UtcNow.AddDays(1));
        var index = factory.Services.GetRequiredService<SearchIndex>();
        await index.ResetAsync(CancellationToken.None);
        while (await index.BuildStepAsync(CancellationToken.None))
        {
        }
        var answers = new List<IReadOnlyList<long>>();
        foreach (var query in queries)
        {
            var hits = await index.SearchAsync(SearchQuery.Parse(query), 0, 3, CancellationToken.None);
            answers.Add([.. hits.Rows.Select(hit => hit.ArticleId)]);
        }
        return answers;
    }
}
