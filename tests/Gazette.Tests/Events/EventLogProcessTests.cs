using System.Net;
using System.Text.RegularExpressions;
using Gazette.Articles.Contracts;
using Gazette.Comments;
using Gazette.Comments.Contracts;
using Gazette.Events;
using Gazette.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Events;

/// <summary>The event log across processes on PostgreSQL, where ids become visible out of order.</summary>
public sealed partial class EventLogProcessTests(PostgresProvider provider) : IClassFixture<PostgresProvider>, IDisposable
{
    private const string Article = CommentTestBase<PostgresProvider>.Article;

    private readonly string _folder = Directory.CreateTempSubdirectory("gazette-events-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>
    /// A moderator's approval sits in a transaction while a thousand others commit
    /// after it; the running server must still hear of it and drop the cached page.
    /// </summary>
    [Fact]
    public async Task AServerHearsOfAnEventWhoseTransactionCommittedAfterAThousandLaterOnes()
    {
        var database = await provider.CreateMigratedAsync();
        await using var server = GazetteProcess.Start(_folder, new Dictionary<string, string>
        {
            ["Gazette__Discussion__FloodSeconds"] = "0",
            ["Gazette__Discussion__MinFillSeconds"] = "0",
        }, "serve", "--urls", "http://127.0.0.1:0", "--database", database);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(await server.WaitUntilListeningAsync()) };
        using var posted = await PostAsync(http, "Held in a long transaction");
        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        var commentId = long.Parse(CommentAnchor().Match(posted.Headers.Location!.OriginalString).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.DoesNotContain("Held in a long transaction", await http.GetStringAsync(new Uri(Article, UriKind.Relative)), StringComparison.Ordinal);

        await using var sameDatabase = new FixedDatabase(database);
        await sameDatabase.InitializeAsync();
        await using var moderator = new GazetteFactory(sameDatabase);
        var units = moderator.Services.GetRequiredService<UnitsOfWork>();
        await using (var held = await units.BeginAsync())
        {
            await moderator.Services.GetRequiredService<CommentStore>().SetStatusAsync(held, commentId, CommentStatus.Approved);
            for (var i = 0; i < 1000; i++)
            {
                await using var other = await units.BeginAsync();
                await other.RaiseAsync(new ArticleChanged(1_000_000 + i, "draft", [], [], false));
                await other.CommitAsync();
            }
            await held.CommitAsync();
        }

        await Wait.UntilAsync(async () => (await http.GetStringAsync(new Uri(Article, UriKind.Relative))).Contains("Held in a long transaction", StringComparison.Ordinal));
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string text)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/comments/")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["comment_post_ID"] = "1",
                ["comment_parent"] = "0",
                ["author"] = "Jane Reader",
                ["email"] = "held@example.org",
                ["comment"] = text,
            }),
        };
        return await http.SendAsync(request);
    }

    [GeneratedRegex("#comment-([0-9]+)$")]
    private static partial Regex CommentAnchor();

    /// <summary>A provider for a database that already exists (the server's).</summary>
    private sealed class FixedDatabase(string setting) : DatabaseProvider, IAsyncDisposable
    {
        async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

        public override string Name => "postgres";

        protected override Task<string> CreateEmptyCoreAsync() => Task.FromResult(setting);

        protected override Task<string> CreateMigratedCoreAsync() => Task.FromResult(setting);

        protected override Task DropAsync(string setting) => Task.CompletedTask;
    }
}
