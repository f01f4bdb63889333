using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using Gazette.Storage;
using Gazette.Tests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace Gazette.Tests.Cluster;

/// <summary>
/// Issue 14's cluster, as an operator runs it: PostgreSQL, a Redis of the
/// test's own and two real Gazette processes on loopback ports, readers told
/// apart by the X-Forwarded-For a proxy on loopback sends. The nodes poll the
/// event log once a minute, so a change showing on the other node within the
/// test's patience was announced over Redis.
/// </summary>
public sealed partial class TwoNodeClusterTests(PostgresProvider provider, ITestOutputHelper output) : IClassFixture<PostgresProvider>, IAsyncLifetime
{
    private const string Article = CommentTestBase<PostgresProvider>.Article;

    private readonly string _folder = Directory.CreateTempSubdirectory("gazette-cluster-").FullName;
    private RedisProcess _redis = null!;
    private string _database = "";

    public async Task InitializeAsync()
    {
        _redis = await RedisProcess.StartAsync();
        _database = await provider.CreateMigratedAsync();
    }

    public async Task DisposeAsync()
    {
        await _redis.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task TwoNodesServeOneSiteThroughAKilledNodeAndARedisOutage()
    {
        await using var a = StartNode("a");
        var (aUrl, password) = await FirstNodeAsync(a);
        await using var b = StartNode("b");
        using var nodeA = Client(aUrl);
        using var nodeB = Client(await b.WaitUntilListeningAsync());
        await HealthyAsync(nodeA);
        await HealthyAsync(nodeB);

        // A reader gets the form from node B and posts it to node A.
        var form = await FormFieldsAsync(nodeB);
        var stamped = Stopwatch.StartNew();
        form["gz_stamp"] = await nodeB.GetStringAsync("/comments/stamp");
        form["author"] = "Ada Reader";
        form["email"] = "ada@example.org";
        form["comment"] = "Posted on A from a form B rendered.";
        await Wait.UntilAsync(() => Task.FromResult(stamped.Elapsed > TimeSpan.FromSeconds(1.2)));
        using var posted = await PostCommentAsync(nodeA, form, "198.51.100.1");
        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        var held = CommentId(posted);

        // Node B has the article cached without the held comment; A's approval must evict it there.
        await nodeB.GetStringAsync(Article);
        using (var cached = await nodeB.GetAsync(Article))
        {
            Assert.NotNull(cached.Headers.Age);
            Assert.DoesNotContain("Posted on A from a form B rendered.", await cached.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var session = new CookieContainer();
        using var editor = await SignInAsync(aUrl, password, session);
        await ApproveAsync(editor, held);
        var evicted = Stopwatch.StartNew();
        await Wait.UntilAsync(async () => (await nodeB.GetStringAsync(Article)).Contains("Posted on A from a form B rendered.", StringComparison.Ordinal));
        output.WriteLine($"approved on A, shown by B after {evicted.Elapsed.TotalMilliseconds:0} ms (poll: 60 s)");

        // The session cookie node A made opens the newsroom on node B: the keys are the database's.
        using (var sameEditorOnB = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = session }) { BaseAddress = nodeB.BaseAddress })
        using (var queue = await sameEditorOnB.GetAsync("/admin/comments"))
        {
            Assert.Equal(HttpStatusCode.OK, queue.StatusCode);
        }

        // Flood control is the database's: a second comment from one address within 15 s is refused on the other node.
        using (var first = await PostCommentAsync(nodeA, Comment(form, "Grace Reader", "grace@example.org", "First from this address."), "198.51.100.2"))
        {
            Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
        }
        using (var flooded = await PostCommentAsync(nodeB, Comment(form, "Grace Reader", "grace2@example.org", "Second, at once, on the other node."), "198.51.100.2"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, flooded.StatusCode);
        }

        // Periodic jobs run on one node, the leader: A, which started first, until it dies; then B.
        const string Leads = "This node now runs the periodic jobs";
        Assert.Contains(Leads, a.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(Leads, b.Stdout, StringComparison.Ordinal);

        // A burst at node A, killed with SIGKILL in the middle: every acknowledged comment is in the database.
        var (acknowledged, lost) = await BurstThenKillAsync(a, nodeA, form);
        output.WriteLine($"node A killed after acknowledging {acknowledged.Count} comments, {lost} posts in flight");
        Assert.NotEmpty(acknowledged);
        await using (var connection = new NpgsqlConnection(((PostgresUrl)DatabaseUrl.Parse(_database)).ConnectionString))
        {
            var stored = (await connection.QueryAsync<long>("select id from comments where id = any(@ids)", new { ids = acknowledged.ToArray() })).ToHashSet();
            Assert.Equal(acknowledged.Order(), stored.Order());
        }
        Assert.Contains("Posted on A from a form B rendered.", await nodeB.GetStringAsync(Article), StringComparison.Ordinal);
        await Wait.UntilAsync(() => Task.FromResult(b.Stdout.Contains(Leads, StringComparison.Ordinal)));

        // Redis goes away: node B serves on, in rotation and degraded; Redis returns: healthy, announcements heard again.
        await using var c = StartNode("c");
        using var nodeC = Client(await c.WaitUntilListeningAsync());
        await HealthyAsync(nodeC);
        await _redis.StopAsync();
        await Wait.UntilAsync(async () => await HealthzReading.RedisIsAsync(nodeB, "Degraded"));
        using (var health = await nodeB.GetAsync("/healthz"))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Equal("Degraded", (await HealthzReading.CheckAsync(nodeB, "redis")).Status);
        }
        using (var page = await nodeB.GetAsync(Article))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }
        using (var during = await PostCommentAsync(nodeC, Comment(form, "Hal Reader", "hal@example.org", "Posted while Redis was down."), "198.51.100.3"))
        {
            Assert.Equal(HttpStatusCode.SeeOther, during.StatusCode);
        }
        await _redis.StartAgainAsync();
        await HealthyAsync(nodeB);
        await HealthyAsync(nodeC);
        using var secondEditor = await SignInAsync(nodeC.BaseAddress!.ToString().TrimEnd('/'), password);
        await nodeB.GetStringAsync(Article);
        using var after = await PostCommentAsync(nodeC, Comment(form, "Ivy Reader", "ivy@example.org", "Approved after Redis came back."), "198.51.100.4");
        await ApproveAsync(secondEditor, CommentId(after));
        var resumed = Stopwatch.StartNew();
        await Wait.UntilAsync(async () => (await nodeB.GetStringAsync(Article)).Contains("Approved after Redis came back.", StringComparison.Ordinal));
        output.WriteLine($"after Redis returned, approved on C, shown by B after {resumed.Elapsed.TotalMilliseconds:0} ms");
    }

    private GazetteProcess StartNode(string name)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_folder, name)).FullName;
        return GazetteProcess.Start(folder, new Dictionary<string, string>
        {
            ["Gazette__Redis"] = _redis.Address,
            ["Gazette__Events__PollMilliseconds"] = "60000",
            ["Gazette__Discussion__MinFillSeconds"] = "1",
        }, "serve", "--urls", "http://127.0.0.1:0", "--database", _database);
    }

    /// <summary>The first node makes the site (sample article, first administrator) before the second starts.</summary>
    private static async Task<(string Url, string Password)> FirstNodeAsync(GazetteProcess node)
    {
        var url = await node.WaitUntilListeningAsync();
        // The password line follows the address line, which is what "listening" waits for.
        await Wait.UntilAsync(() => Task.FromResult(OneTimePassword().IsMatch(node.Stdout)));
        return (url, OneTimePassword().Match(node.Stdout).Groups[1].Value);
    }

    private static HttpClient Client(string url) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(url) };

    private static async Task HealthyAsync(HttpClient node) =>
        await Wait.UntilAsync(() => HealthzReading.RedisHeardAsync(node));

    private static async Task<Dictionary<string, string>> FormFieldsAsync(HttpClient node)
    {
        var html = await node.GetStringAsync(Article);
        var form = CommentForm().Match(html);
        Assert.True(form.Success, "the article page has no comment form");
        return HiddenField().Matches(form.Value).ToDictionary(field => field.Groups[1].Value, field => WebUtility.HtmlDecode(field.Groups[2].Value));
    }

    private static Dictionary<string, string> Comment(Dictionary<string, string> form, string author, string email, string text) =>
        new(form) { ["author"] = author, ["email"] = email, ["comment"] = text, ["gz_stamp"] = "" };

    private static async Task<HttpResponseMessage> PostCommentAsync(HttpClient node, Dictionary<string, string> fields, string reader)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/comments/") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("X-Forwarded-For", reader);
        return await node.SendAsync(request);
    }

    private static long CommentId(HttpResponseMessage posted) =>
        long.Parse(CommentAnchor().Match(posted.Headers.Location!.OriginalString).Groups[1].Value, CultureInfo.InvariantCulture);

    private static async Task<HttpClient> SignInAsync(string url, string password, CookieContainer? cookies = null)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies ?? new CookieContainer() }) { BaseAddress = new Uri(url) };
        using var response = await Newsroom.PostLoginAsync(client, "admin", password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private static async Task ApproveAsync(HttpClient editor, long id)
    {
        using var approved = await Newsroom.PostFormAsync(editor, "/admin/comments",
            new() { ["handler"] = "approve", ["ids"] = id.ToString(CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
    }

    /// <summary>
    /// Eight readers post comment after comment until the node is killed, which
    /// happens once 20 are acknowledged, so posts are in flight when it dies;
    /// returns the ids it acknowledged and how many posts died with it.
    /// </summary>
    private static async Task<(List<long> Acknowledged, int Lost)> BurstThenKillAsync(GazetteProcess node, HttpClient client, Dictionary<string, string> form)
    {
        var acknowledged = new List<long>();
        var lost = 0;
        var gate = new Lock();
        var readers = Enumerable.Range(1, 8).Select(async reader =>
        {
            for (var i = 0; ; i++)
            {
                try
                {
                    using var posted = await PostCommentAsync(client, Comment(form, $"Reader {reader}-{i}", $"reader{reader}-{i}@example.org", $"Burst comment {reader}-{i}."),
                        $"10.{reader}.{i / 250}.{i % 250 + 1}");
                    if (posted.StatusCode == HttpStatusCode.SeeOther)
                    {
                        lock (gate)
                        {
                            acknowledged.Add(CommentId(posted));
                        }
                    }
                }
                catch (HttpRequestException)
                {
                    // The node died under this post: it was never acknowledged.
                    Interlocked.Increment(ref lost);
                    return;
                }
            }
        }).ToList();
        await Wait.UntilAsync(() =>
        {
            lock (gate)
            {
                return Task.FromResult(acknowledged.Count >= 20);
            }
        });
        node.Kill();
        await Task.WhenAll(readers);
        return (acknowledged, lost);
    }

    [GeneratedRegex("one-time password (\\S+) \\(shown")]
    private static partial Regex OneTimePassword();

    [GeneratedRegex("<form action=\"/comments/\".*?</form>", RegexOptions.Singleline)]
    private static partial Regex CommentForm();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\"[^>]*value=\"([^\"]*)\"")]
    private static partial Regex HiddenField();

    [GeneratedRegex("#comment-([0-9]+)$")]
    private static partial Regex CommentAnchor();
}
