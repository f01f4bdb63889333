using System.Net;
using System.Text.Json;
using Gazette.Accounts;
using Gazette.Articles;
using Gazette.Articles.Contracts;
using Gazette.Comments.Contracts;
using Gazette.Events;
using Gazette.Related.Contracts;
using Gazette.Search.Contracts;
using Gazette.Tests.Infrastructure;
using Gazette.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.NativeApi;

/// <summary>/api/v1 as served, on both databases: what each route shows and hides, its refusals as problem+json, and who may call it.</summary>
public abstract class NativeApiTests<TProvider>(TProvider provider) : CommentTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    private static string Run() => "n" + Guid.NewGuid().ToString("N")[..8];

    private DateTimeOffset Recently => Factory.Clock.GetUtcNow().AddMinutes(-10);

    /// <summary>Delivers the log to the cluster subscribers (the job runner does not run in tests) until <paramref name="condition"/> holds.</summary>
    private async Task UntilAsync(Func<Task<bool>> condition) =>
        await Wait.UntilAsync(async () =>
        {
            await Factory.Services.GetRequiredService<ClusterEventPump>().RunAsync(CancellationToken.None);
            return await condition();
        });

    [Fact]
    public async Task TheSiteNamesItselfAndCountsOnlyWhatThePublicSees()
    {
        var run = Run();
        await PublishAsync(Story($"Counted {run}", Recently, sections: [$"Desk {run}"], tags: [$"Topic {run}"]));
        await PublishAsync(Story($"Draft {run}", tags: [$"Hidden {run}"]) with { Status = ArticleStatus.Draft });
        await PublishAsync(Story($"Embargoed {run}", Factory.Clock.GetUtcNow().AddDays(1)));
        var queries = Factory.Services.GetRequiredService<IPublicArticleQueries>();
        var articles = (await queries.ArticlesAsync(new PublicArticleQuery("article", 1, 1), CancellationToken.None)).Total;
        var tags = (await queries.TermsAsync(new PublicTermQuery(PublicTermKind.Tag, 1, 1) { HideEmpty = true }, CancellationToken.None)).Total;

        var (response, site) = await JsonAsync("/api/v1/site");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType!.ToString(), ignoreCase: true);
        Assert.Contains("default-src 'none'", string.Join(" ", response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Equal("Gazette", site.GetProperty("name").GetString());
        Assert.Equal("http://localhost/", site.GetProperty("url").GetString());
        Assert.Equal("/%year%/%monthnum%/%postname%/", site.GetProperty("permalinkPattern").GetString());
        Assert.False(string.IsNullOrEmpty(site.GetProperty("version").GetString()));
        Assert.Equal(articles, site.GetProperty("counts").GetProperty("articles").GetInt32());
        Assert.Equal(tags, site.GetProperty("counts").GetProperty("tags").GetInt32());
        Assert.True(articles >= 1);
    }

    [Fact]
    public async Task SearchAnswersRankedPublicResultsWithHighlightedSnippets()
    {
        var run = Run();
        var visible = await PublishAsync(Story($"Harbour <b>budget</b> {run}", Recently));
        await PublishAsync(Story($"Embargoed {run}", Factory.Clock.GetUtcNow().AddDays(1)));
        await PublishAsync(Story($"Draft {run}") with { Status = ArticleStatus.Draft });
        var search = Factory.Services.GetRequiredService<ISiteSearch>();
        await UntilAsync(async () => (await search.SearchAsync(run, 0, 10, CancellationToken.None))!.Total == 1);

        var (response, page) = await JsonAsync($"/api/v1/search?q={run}&perPage=5");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(run, page.GetProperty("query").GetString());
        Assert.Equal(1, page.GetProperty("total").GetInt32());
        Assert.Equal(5, page.GetProperty("perPage").GetInt32());
        Assert.False(page.GetProperty("totalCapped").GetBoolean());
        var hit = Assert.Single(page.GetProperty("results").EnumerateArray());
        Assert.Equal(visible.Id, hit.GetProperty("id").GetInt64());
        Assert.Equal($"Harbour <b>budget</b> {run}", hit.GetProperty("title").GetString());
        Assert.StartsWith("http://localhost/", hit.GetProperty("url").GetString(), StringComparison.Ordinal);
        var snippet = hit.GetProperty("snippetHtml").GetString()!;
        Assert.Contains($"<mark>{run}</mark>", snippet, StringComparison.Ordinal);
        Assert.DoesNotContain('\u0002', snippet);

        var (beyond, problem) = await JsonAsync($"/api/v1/search?q={run}&page=2");
        Assert.Equal(HttpStatusCode.BadRequest, beyond.StatusCode);
        Assert.Equal("page is a whole number from 1 to 1: the results fill 1 page(s).", problem.GetProperty("errors").GetProperty("page")[0].GetString());

        // The cached answer goes when the index changes, not a minute later.
        await PublishAsync(Story($"Second {run}", Recently));
        await UntilAsync(async () => (await search.SearchAsync(run, 0, 10, CancellationToken.None))!.Total == 2);
        await UntilAsync(async () => (await JsonAsync($"/api/v1/search?q={run}&perPage=5")).Item2.GetProperty("total").GetInt32() == 2);
    }

    [Theory]
    [InlineData("/api/v1/search", "q")]
    [InlineData("/api/v1/search?q=%20%20", "q")]
    [InlineData("/api/v1/search?q=%22%2A%28%29", "q")]
    [InlineData("/api/v1/search?q=news&page=0", "page")]
    [InlineData("/api/v1/search?q=news&page=abc", "page")]
    [InlineData("/api/v1/search?q=news&page=101", "page")]
    [InlineData("/api/v1/search?q=news&perPage=51", "perPage")]
    [InlineData("/api/v1/search?q=news&perPage=-1", "perPage")]
    public async Task BadSearchParametersAreNamedInAProblem(string path, string field)
    {
        var (response, problem) = await JsonAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        var errors = problem.GetProperty("errors");
        Assert.Equal([field], errors.EnumerateObject().Select(error => error.Name));
        Assert.False(string.IsNullOrWhiteSpace(errors.GetProperty(field)[0].GetString()));
    }

    [Fact]
    public async Task RelatedCoverageListsThePublicArticlesThePageShows()
    {
        var run = Run();
        var older = await PublishAsync(Story($"Dockers vote {run}", Factory.Clock.GetUtcNow().AddHours(-5), sections: [$"Port {run}"], tags: [$"port-{run}"]));
        var subject = await PublishAsync(Story($"Harbour strike {run}", Recently, tags: [$"port-{run}"]));
        var related = Factory.Services.GetRequiredService<IRelatedArticles>();
        await UntilAsync(async () => (await related.IdsAsync(subject.Id, CancellationToken.None)).Contains(older.Id));

        var (response, coverage) = await JsonAsync($"/api/v1/articles/{subject.Id}/related");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(subject.Id, coverage.GetProperty("articleId").GetInt64());
        var first = coverage.GetProperty("articles")[0];
        Assert.Equal(older.Id, first.GetProperty("id").GetInt64());
        Assert.Equal($"Dockers vote {run}", first.GetProperty("title").GetString());
        Assert.Equal($"Port {run}", first.GetProperty("section").GetString());
        Assert.StartsWith("http://localhost/", first.GetProperty("url").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RelatedCoverageOfWhatThePublicCannotSeeIsAProblem404()
    {
        var run = Run();
        var draft = await PublishAsync(Story($"Draft {run}") with { Status = ArticleStatus.Draft });
        var embargoed = await PublishAsync(Story($"Embargoed {run}", Factory.Clock.GetUtcNow().AddDays(1)));

        foreach (var path in new[] { $"/api/v1/articles/{draft.Id}/related", $"/api/v1/articles/{embargoed.Id}/related", "/api/v1/articles/987654321/related", "/api/v1/articles/x/related", "/api/v1/nothing-here" })
        {
            var (response, problem) = await JsonAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal(404, problem.GetProperty("status").GetInt32());
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        }
    }

    [Fact]
    public async Task TheModerationListingOffersPendingCommentsToModeratorsWithoutEmails()
    {
        var run = Run();
        var article = await PublishAsync(Story($"Discussed {run}", Recently));
        using var posted = await PostCommentAsync(Fields($"Held {run}", $"held-{run}@example.org", article: article.Id));
        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        var id = CommentIdOf(posted);
        await Moderator.SetStatusAsync(id, CommentStatus.Pending, AuditActor.CommandLine);
        var listings = Factory.Services.GetRequiredService<IModerationListings>();

        var page = await listings.ListAsync(new NewsroomUser(1, "Editor", NewsroomRole.Editor), CommentStatus.Pending, 1, 100, CancellationToken.None);

        Assert.NotNull(page);
        var item = Assert.Single(page.Comments, comment => comment.Id == id);
        Assert.Equal(article.Id, item.ArticleId);
        Assert.Equal($"Discussed {run}", item.ArticleTitle);
        Assert.Equal("Jane Reader", item.AuthorName);
        Assert.Contains($"Held {run}", item.BodyHtml, StringComparison.Ordinal);
        Assert.DoesNotContain($"held-{run}", item.ToString(), StringComparison.Ordinal);
        Assert.True(page.Counts[CommentStatus.Pending] >= 1);
        Assert.Null(await listings.ListAsync(new NewsroomUser(2, "Writer", NewsroomRole.Author), CommentStatus.Pending, 1, 20, CancellationToken.None));
    }

    [Theory]
    [InlineData("/api/v1/me")]
    [InlineData("/api/v1/comments/pending")]
    [InlineData("/api/v1/comments/pending?page=0")]
    public async Task RoutesForCallersRefuseAnonymousAndUnknownCredentialsAsProblems(string path)
    {
        foreach (var authorization in new string?[] { null, "Basic " + Convert.ToBase64String("nobody:xxxx xxxx xxxx xxxx xxxx xxxx"u8.ToArray()), "Bearer nonsense" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
            if (authorization is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            }
            using var response = await Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            Assert.NotEmpty(response.Headers.WwwAuthenticate);
            Assert.Equal(401, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetInt32());
        }
    }

    [Theory]
    [InlineData(NewsroomRole.Administrator, true, true, true)]
    [InlineData(NewsroomRole.Editor, true, true, false)]
    [InlineData(NewsroomRole.Author, true, false, false)]
    [InlineData(NewsroomRole.Contributor, false, false, false)]
    public async Task TheCallerIsTheMemberWhoseApplicationPasswordSignedWithWhatItsRoleMayDo(string role, bool publish, bool moderate, bool administer)
    {
        var (login, authorization) = await CallerAsync(role);

        var (response, caller) = await JsonAsync("/api/v1/me", authorization);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        Assert.Equal(char.ToUpperInvariant(login[0]) + login[1..], caller.GetProperty("name").GetString());
        Assert.Equal(role, caller.GetProperty("role").GetString());
        var can = caller.GetProperty("can");
        Assert.Equal(publish, can.GetProperty("publish").GetBoolean());
        Assert.Equal(moderate, can.GetProperty("moderate").GetBoolean());
        Assert.Equal(administer, can.GetProperty("administer").GetBoolean());
    }

    [Fact]
    public async Task EditorsReadTheModerationQueueAndOthersAreRefused()
    {
        var run = Run();
        var article = await PublishAsync(Story($"Queue {run}", Recently));
        using var posted = await PostCommentAsync(Fields($"Waiting {run}", $"wait-{run}@example.org", article: article.Id));
        var id = CommentIdOf(posted);
        await Moderator.SetStatusAsync(id, CommentStatus.Pending, AuditActor.CommandLine);
        var (_, editor) = await CallerAsync(NewsroomRole.Editor);
        var (_, author) = await CallerAsync(NewsroomRole.Author);

        var (response, queue) = await JsonAsync("/api/v1/comments/pending?perPage=100", editor);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var comment = Assert.Single(queue.GetProperty("comments").EnumerateArray(), item => item.GetProperty("id").GetInt64() == id);
        Assert.Equal(article.Id, comment.GetProperty("articleId").GetInt64());
        Assert.Equal($"Queue {run}", comment.GetProperty("articleTitle").GetString());
        Assert.StartsWith("http://localhost/", comment.GetProperty("articleUrl").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain($"wait-{run}", comment.ToString(), StringComparison.Ordinal);
        Assert.True(queue.GetProperty("counts").GetProperty("pending").GetInt32() >= 1);
        Assert.Equal(100, queue.GetProperty("perPage").GetInt32());

        var (refused, problem) = await JsonAsync("/api/v1/comments/pending", author);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        Assert.Equal(403, problem.GetProperty("status").GetInt32());

        var (beyond, invalid) = await JsonAsync("/api/v1/comments/pending?page=100000", editor);
        Assert.Equal(HttpStatusCode.BadRequest, beyond.StatusCode);
        Assert.True(invalid.GetProperty("errors").TryGetProperty("page", out _));
        var (bad, fields) = await JsonAsync("/api/v1/comments/pending?perPage=0&page=x", editor);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["page", "perPage"], fields.GetProperty("errors").EnumerateObject().Select(error => error.Name).Order(StringComparer.Ordinal));
    }

    /// <summary>A new member of <paramref name="role"/> and the Basic header of an application password made for it.</summary>
    private async Task<(string Login, string Authorization)> CallerAsync(string role)
    {
        var login = "api" + Guid.NewGuid().ToString("N")[..8];
        var user = await Newsroom.AddUserAsync(Factory, login, role);
        var password = await Factory.Services.GetRequiredService<ApplicationPasswordStore>().CreateAsync(user.Id, "Integration");
        return (login, "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{login}:{password}")));
    }

    private async Task<(HttpResponseMessage Response, JsonElement Body)> JsonAsync(string path, string authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        var response = await Client.SendAsync(request);
        return (response, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private async Task<(HttpResponseMessage Response, JsonElement Body)> JsonAsync(string path)
    {
        var (_, body, response) = await GetAsync(path);
        return (response, JsonDocument.Parse(body).RootElement.Clone());
    }
}

public sealed class NativeApiTestsOnSqlite(SqliteProvider provider) : NativeApiTests<SqliteProvider>(provider);

public sealed class NativeApiTestsOnPostgres(PostgresProvider provider) : NativeApiTests<PostgresProvider>(provider);
