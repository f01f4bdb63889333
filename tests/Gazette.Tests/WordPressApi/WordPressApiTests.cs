using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gazette.Articles;
using Gazette.Articles.Contracts;
using Gazette.Comments.Contracts;
using Gazette.Events;
using Gazette.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.WordPressApi;

/// <summary>WordPress's REST API as served, on both databases: what each route lists and never shows, its parameters, headers, errors and cache.</summary>
public abstract class WordPressApiTests<TProvider>(TProvider provider) : CommentTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    private static string Run() => "w" + Guid.NewGuid().ToString("N")[..8];

    private DateTimeOffset Recently => Factory.Clock.GetUtcNow().AddMinutes(-10);

    [Fact]
    public async Task PostsListOnlyPublicArticlesInWordPressShapeWithTotals()
    {
        var run = Run();
        var visible = await PublishAsync(Story($"Visible {run}", Recently, sections: [$"Desk {run}"], tags: [$"Topic {run}"]));
        await PublishAsync(Story($"Embargoed {run}", Factory.Clock.GetUtcNow().AddDays(1)));
        await PublishAsync(Story($"Draft {run}") with { Status = ArticleStatus.Draft });
        await PublishAsync(Story($"Scheduled {run}", Factory.Clock.GetUtcNow().AddHours(2)) with { Status = ArticleStatus.Scheduled });

        var (response, posts) = await JsonAsync($"/wp-json/wp/v2/posts?search={run}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType!.ToString(), ignoreCase: true);
        Assert.Equal("1", Header(response, "X-WP-Total"));
        Assert.Equal("1", Header(response, "X-WP-TotalPages"));
        Assert.Contains("default-src 'none'", Header(response, "Content-Security-Policy"), StringComparison.Ordinal);
        var post = Assert.Single(posts.EnumerateArray());
        foreach (var key in new[] { "id", "date", "date_gmt", "guid", "modified", "modified_gmt", "slug", "status", "type", "link", "title", "content", "excerpt",
            "author", "featured_media", "comment_status", "ping_status", "sticky", "template", "format", "meta", "categories", "tags", "_links" })
        {
            Assert.True(post.TryGetProperty(key, out _), key);
        }
        Assert.Equal(visible.Id, post.GetProperty("id").GetInt64());
        Assert.Equal($"Visible {run}", post.GetProperty("title").GetProperty("rendered").GetString());
        Assert.Equal("publish", post.GetProperty("status").GetString());
        Assert.Equal("post", post.GetProperty("type").GetString());
        Assert.StartsWith("http://localhost/", post.GetProperty("link").GetString(), StringComparison.Ordinal);
        Assert.Contains($"First paragraph of Visible {run}.", post.GetProperty("content").GetProperty("rendered").GetString(), StringComparison.Ordinal);
        Assert.False(post.GetProperty("content").GetProperty("protected").GetBoolean());
        Assert.Equal(visible.Slug, post.GetProperty("slug").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$", post.GetProperty("date_gmt").GetString());
        Assert.Single(post.GetProperty("categories").EnumerateArray());
        Assert.Single(post.GetProperty("tags").EnumerateArray());
        var links = post.GetProperty("_links");
        Assert.Equal($"http://localhost/wp-json/wp/v2/posts/{visible.Id}", links.GetProperty("self")[0].GetProperty("href").GetString());
        foreach (var rel in new[] { "collection", "author", "replies", "wp:term" })
        {
            Assert.True(links.TryGetProperty(rel, out _), rel);
        }
    }

    [Fact]
    public async Task APostIsReadByIdAndAnythingHiddenIsAnInvalidId()
    {
        var run = Run();
        var visible = await PublishAsync(Story($"Single {run}", Recently));
        var embargoed = await PublishAsync(Story($"Embargoed {run}", Factory.Clock.GetUtcNow().AddDays(1)));
        var draft = await PublishAsync(Story($"Draft {run}") with { Status = ArticleStatus.Draft });

        var (ok, post) = await JsonAsync($"/wp-json/wp/v2/posts/{visible.Id}");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(visible.Id, post.GetProperty("id").GetInt64());

        foreach (var id in new[] { embargoed.Id, draft.Id, 987654321L })
        {
            var (missing, error) = await JsonAsync($"/wp-json/wp/v2/posts/{id}");
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Equal("rest_post_invalid_id", error.GetProperty("code").GetString());
            Assert.Equal("Invalid post ID.", error.GetProperty("message").GetString());
            Assert.Equal(404, error.GetProperty("data").GetProperty("status").GetInt32());
        }
        var (noRoute, routeError) = await JsonAsync("/wp-json/wp/v2/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, noRoute.StatusCode);
        Assert.Equal("rest_no_route", routeError.GetProperty("code").GetString());
        var (page, pageError) = await JsonAsync($"/wp-json/wp/v2/pages/{visible.Id}");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("rest_post_invalid_id", pageError.GetProperty("code").GetString());
    }

    [Fact]
    public async Task PagingCountsAndRefusesWhatWordPressRefuses()
    {
        var run = Run();
        for (var i = 0; i < 3; i++)
        {
            await PublishAsync(Story($"Paged {run} {i}", Recently.AddMinutes(i)));
        }

        var (first, firstItems) = await JsonAsync($"/wp-json/wp/v2/posts?search={run}&per_page=2");
        Assert.Equal("3", Header(first, "X-WP-Total"));
        Assert.Equal("2", Header(first, "X-WP-TotalPages"));
        Assert.Equal([$"Paged {run} 2", $"Paged {run} 1"], Titles(firstItems));
        Assert.Contains("rel=\"next\"", Header(first, "Link"), StringComparison.Ordinal);
        var (_, second) = await JsonAsync($"/wp-json/wp/v2/posts?search={run}&per_page=2&page=2");
        Assert.Equal([$"Paged {run} 0"], Titles(second));
        var (_, ascending) = await JsonAsync($"/wp-json/wp/v2/posts?search={run}&orderby=title&order=asc");
        Assert.Equal([$"Paged {run} 0", $"Paged {run} 1", $"Paged {run} 2"], Titles(ascending));

        var (beyond, beyondError) = await JsonAsync($"/wp-json/wp/v2/posts?search={run}&per_page=2&page=3");
        Assert.Equal(HttpStatusCode.BadRequest, beyond.StatusCode);
        Assert.Equal("rest_post_invalid_page_number", beyondError.GetProperty("code").GetString());
        foreach (var perPage in new[] { "0", "101", "many" })
        {
            var (bad, error) = await JsonAsync($"/wp-json/wp/v2/posts?per_page={perPage}");
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Equal("rest_invalid_param", error.GetProperty("code").GetString());
            Assert.Equal(400, error.GetProperty("data").GetProperty("status").GetInt32());
            Assert.True(error.GetProperty("data").GetProperty("params").TryGetProperty("per_page", out _));
        }
        var (badOrder, orderError) = await JsonAsync("/wp-json/wp/v2/posts?orderby=popularity");
        Assert.Equal(HttpStatusCode.BadRequest, badOrder.StatusCode);
        Assert.Equal("rest_invalid_param", orderError.GetProperty("code").GetString());
        var (draftStatus, _) = await JsonAsync("/wp-json/wp/v2/posts?status=draft");
        Assert.Equal(HttpStatusCode.BadRequest, draftStatus.StatusCode);
        var (edit, editError) = await JsonAsync("/wp-json/wp/v2/posts?context=edit");
        Assert.Equal(HttpStatusCode.Unauthorized, edit.StatusCode);
        Assert.Equal("rest_forbidden_context", editError.GetProperty("code").GetString());
    }

    [Fact]
    public async Task PostsFilterAsWordPressFiltersThem()
    {
        var run = Run();
        var member = (await Factory.Services.GetRequiredService<IBylineMembers>().EnsureAsync([$"Writer {run}"], CancellationToken.None))[$"Writer {run}"];
        var filed = await PublishAsync(Story($"Filed {run}", Recently.AddHours(-2), sections: [$"Desk {run}"], tags: [$"Topic {run}"])
            with { Bylines = [$"Writer {run}"], BylineMembers = new Dictionary<string, long> { [$"Writer {run}"] = member } });
        var other = await PublishAsync(Story($"Other {run}", Recently));
        var queries = Factory.Services.GetRequiredService<IPublicArticles>();
        var section = (await queries.FindSectionAsync($"desk-{run}", CancellationToken.None))!;
        var tag = (await queries.FindTagAsync($"topic-{run}", CancellationToken.None))!;

        Assert.Equal([$"Filed {run}"], Titles((await JsonAsync($"/wp-json/wp/v2/posts?categories={section.Id}")).Body));
        Assert.Equal([$"Filed {run}"], Titles((await JsonAsync($"/wp-json/wp/v2/posts?tags[]={tag.Id}")).Body));
        Assert.Equal([$"Filed {run}"], Titles((await JsonAsync($"/wp-json/wp/v2/posts?author={member}")).Body));
        Assert.Equal([$"Filed {run}"], Titles((await JsonAsync($"/wp-json/wp/v2/posts?slug={filed.Slug}")).Body));
        Assert.Equal([$"Other {run}", $"Filed {run}"], Titles((await JsonAsync($"/wp-json/wp/v2/posts?include={filed.Id},{other.Id}")).Body));
        Assert.Equal([$"Filed {run}", $"Other {run}"], Titles((await JsonAsync($"/wp-json/wp/v2/posts?include={filed.Id},{other.Id}&orderby=include")).Body));
        Assert.Equal([$"Other {run}"], Titles((await JsonAsync($"/wp-json/wp/v2/posts?search={run}&exclude={filed.Id}")).Body));
        var middle = Recently.AddHours(-1).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal([$"Filed {run}"], Titles((await JsonAsync($"/wp-json/wp/v2/posts?search={run}&before={middle}")).Body));
        Assert.Equal([$"Other {run}"], Titles((await JsonAsync($"/wp-json/wp/v2/posts?search={run}&after={middle}")).Body));
        var (badDate, _) = await JsonAsync("/wp-json/wp/v2/posts?after=yesterday-ish");
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
    }

    [Fact]
    public async Task FieldsAndEmbedShapeTheAnswer()
    {
        var run = Run();
        var member = (await Factory.Services.GetRequiredService<IBylineMembers>().EnsureAsync([$"Embedded {run}"], CancellationToken.None))[$"Embedded {run}"];
        var article = await PublishAsync(Story($"Shaped {run}", Recently, sections: [$"Desk {run}"], tags: [$"Topic {run}"])
            with { Bylines = [$"Embedded {run}"], BylineMembers = new Dictionary<string, long> { [$"Embedded {run}"] = member } });
        await CommentAsync(article.Id, $"Embedded reply {run}", $"{run}@example.org", CommentStatus.Approved);

        var (_, fields) = await JsonAsync($"/wp-json/wp/v2/posts/{article.Id}?_fields=id,title.rendered");
        Assert.Equal(["id", "title"], fields.EnumerateObject().Select(property => property.Name));
        Assert.Equal(["rendered"], fields.GetProperty("title").EnumerateObject().Select(property => property.Name));

        var (_, embedded) = await JsonAsync($"/wp-json/wp/v2/posts/{article.Id}?_embed");
        var parts = embedded.GetProperty("_embedded");
        Assert.Equal($"Embedded {run}", parts.GetProperty("author")[0].GetProperty("name").GetString());
        Assert.Equal($"Desk {run}", parts.GetProperty("wp:term")[0][0].GetProperty("name").GetString());
        Assert.Equal($"Topic {run}", parts.GetProperty("wp:term")[1][0].GetProperty("name").GetString());
        Assert.Contains($"Embedded reply {run}", parts.GetProperty("replies")[0][0].GetProperty("content").GetProperty("rendered").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("@example.org", embedded.GetRawText(), StringComparison.Ordinal);

        var (_, authorOnly) = await JsonAsync($"/wp-json/wp/v2/posts/{article.Id}?_embed=author");
        Assert.Equal(["author"], authorOnly.GetProperty("_embedded").EnumerateObject().Select(property => property.Name));
    }

    [Fact]
    public async Task CategoriesAndTagsAreSectionsAndTagsCountedByPublicArticles()
    {
        var run = Run();
        var article = await PublishAsync(Story($"Termed {run}", Recently, sections: [$"Desk {run}"], tags: [$"Topic {run}"]));
        await PublishAsync(Story($"Hidden {run}", Factory.Clock.GetUtcNow().AddDays(1), sections: [$"Desk {run}"]));

        var (response, categories) = await JsonAsync($"/wp-json/wp/v2/categories?search=desk-{run}");
        Assert.Equal("1", Header(response, "X-WP-Total"));
        var category = Assert.Single(categories.EnumerateArray());
        Assert.Equal($"Desk {run}", category.GetProperty("name").GetString());
        Assert.Equal("category", category.GetProperty("taxonomy").GetString());
        Assert.Equal(1, category.GetProperty("count").GetInt32());
        Assert.Equal($"http://localhost/section/desk-{run}/", category.GetProperty("link").GetString());
        var id = category.GetProperty("id").GetInt64();
        Assert.Equal($"Desk {run}", (await JsonAsync($"/wp-json/wp/v2/categories/{id}")).Body.GetProperty("name").GetString());

        var (_, tags) = await JsonAsync($"/wp-json/wp/v2/tags?post={article.Id}");
        var tag = Assert.Single(tags.EnumerateArray());
        Assert.Equal("post_tag", tag.GetProperty("taxonomy").GetString());
        Assert.Equal($"topic-{run}", tag.GetProperty("slug").GetString());
        Assert.Equal([$"topic-{run}"], (await JsonAsync($"/wp-json/wp/v2/tags?slug=topic-{run}")).Body.EnumerateArray().Select(item => item.GetProperty("slug").GetString()));

        var (missing, error) = await JsonAsync("/wp-json/wp/v2/tags/987654321");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("rest_term_invalid", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task UsersAreBylineMembersWithPublicFieldsOnly()
    {
        var run = Run();
        var members = await Factory.Services.GetRequiredService<IBylineMembers>().EnsureAsync([$"Named {run}", $"Unpublished {run}"], CancellationToken.None);
        await PublishAsync(Story($"Bylined {run}", Recently)
            with { Bylines = [$"Named {run}"], BylineMembers = new Dictionary<string, long> { [$"Named {run}"] = members[$"Named {run}"] } });
        await PublishAsync(Story($"Unseen {run}") with
        {
            Status = ArticleStatus.Draft, Bylines = [$"Unpublished {run}"], BylineMembers = new Dictionary<string, long> { [$"Unpublished {run}"] = members[$"Unpublished {run}"] },
        });

        var (_, users) = await JsonAsync($"/wp-json/wp/v2/users?search={run}");
        var user = Assert.Single(users.EnumerateArray());
        Assert.Equal(["id", "name", "url", "description", "link", "slug", "avatar_urls", "meta", "_links"], user.EnumerateObject().Select(property => property.Name));
        Assert.Equal($"Named {run}", user.GetProperty("name").GetString());
        var (_, single) = await JsonAsync($"/wp-json/wp/v2/users/{members[$"Named {run}"]}");
        Assert.Equal($"Named {run}", single.GetProperty("name").GetString());
        Assert.DoesNotContain("email", single.GetRawText(), StringComparison.OrdinalIgnoreCase);

        var (hidden, error) = await JsonAsync($"/wp-json/wp/v2/users/{members[$"Unpublished {run}"]}");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal("rest_user_invalid_id", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task CommentsAreApprovedOnesOnPublicArticlesWithoutEmails()
    {
        var run = Run();
        var article = await PublishAsync(Story($"Discussed {run}", Recently));
        var embargoed = await PublishAsync(Story($"Embargoed {run}", Factory.Clock.GetUtcNow().AddDays(1)));
        var email = $"{run}@example.org";
        var approved = await CommentAsync(article.Id, $"Approved words {run}", email, CommentStatus.Approved);
        await CommentAsync(article.Id, $"Pending words {run}", $"p{email}", CommentStatus.Pending);
        await using (var work = await Factory.Services.GetRequiredService<UnitsOfWork>().BeginAsync())
        {
            await Factory.Services.GetRequiredService<ICommentImport>().AddApprovedAsync(work, new ImportedComment(embargoed.Id, null, "Early Reader", $"Hidden words {run}", Recently));
            await work.CommitAsync();
        }

        var (response, comments) = await JsonAsync($"/wp-json/wp/v2/comments?search={run}");
        Assert.Equal("1", Header(response, "X-WP-Total"));
        var comment = Assert.Single(comments.EnumerateArray());
        Assert.Equal(approved, comment.GetProperty("id").GetInt64());
        Assert.Equal(article.Id, comment.GetProperty("post").GetInt64());
        Assert.Equal(0, comment.GetProperty("parent").GetInt64());
        Assert.Equal("Jane Reader", comment.GetProperty("author_name").GetString());
        Assert.Equal("approved", comment.GetProperty("status").GetString());
        Assert.DoesNotContain(email, comments.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.Single((await JsonAsync($"/wp-json/wp/v2/comments?post={article.Id}")).Body.EnumerateArray());
        Assert.Empty((await JsonAsync($"/wp-json/wp/v2/comments?post={embargoed.Id}")).Body.EnumerateArray());
        Assert.Empty((await JsonAsync($"/wp-json/wp/v2/comments?post={article.Id}&parent={approved}")).Body.EnumerateArray());
        Assert.Single((await JsonAsync($"/wp-json/wp/v2/comments?post={article.Id}&parent=0")).Body.EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, (await JsonAsync($"/wp-json/wp/v2/comments/{approved}")).Response.StatusCode);

        var (statusRefused, statusError) = await JsonAsync("/wp-json/wp/v2/comments?status=hold");
        Assert.Equal(HttpStatusCode.Unauthorized, statusRefused.StatusCode);
        Assert.Equal("rest_forbidden_param", statusError.GetProperty("code").GetString());
        var (missing, error) = await JsonAsync("/wp-json/wp/v2/comments/987654321");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("rest_comment_invalid_id", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task PagesAreGazettesPublishedPages()
    {
        var run = Run();
        var page = await PublishAsync(Story($"About {run}") with { Kind = ArticleKind.Page, Slug = $"about-{run}", PublishedAt = Recently });
        var child = await PublishAsync(Story($"Staff {run}") with { Kind = ArticleKind.Page, Slug = $"staff-{run}", ParentId = page.Id, PublishedAt = Recently });

        var (_, pages) = await JsonAsync($"/wp-json/wp/v2/pages?search={run}&orderby=id&order=asc");
        Assert.Equal([$"About {run}", $"Staff {run}"], Titles(pages));
        var first = pages[0];
        Assert.Equal("page", first.GetProperty("type").GetString());
        Assert.Equal($"http://localhost/about-{run}/", first.GetProperty("link").GetString());
        Assert.False(first.TryGetProperty("categories", out _));
        Assert.Equal(page.Id, pages[1].GetProperty("parent").GetInt64());
        Assert.Equal([$"Staff {run}"], Titles((await JsonAsync($"/wp-json/wp/v2/pages?parent={page.Id}")).Body));
        Assert.Equal(child.Id, (await JsonAsync($"/wp-json/wp/v2/pages/{child.Id}")).Body.GetProperty("id").GetInt64());
        Assert.Empty((await JsonAsync($"/wp-json/wp/v2/posts?search={run}")).Body.EnumerateArray());
    }

    [Fact]
    public async Task ContentLinksAreAbsoluteForClientsAwayFromTheSite()
    {
        var run = Run();
        var article = await PublishAsync(Story($"Linked {run}", Recently) with { BodyMarkdown = $"See [the desk](/section/desk-{run}/) and [elsewhere](https://example.org/)." });

        var content = (await JsonAsync($"/wp-json/wp/v2/posts/{article.Id}")).Body.GetProperty("content").GetProperty("rendered").GetString();

        Assert.Contains($"href=\"http://localhost/section/desk-{run}/\"", content, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.org/\"", content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryMethodTheIndexListsIsAnsweredAndItsArgumentsAreNamed()
    {
        var routes = (await JsonAsync("/wp-json/")).Body.GetProperty("routes");
        var posts = routes.GetProperty("/wp/v2/posts").GetProperty("endpoints").EnumerateArray().ToList();
        Assert.Equal(["GET", "POST"], posts.SelectMany(endpoint => endpoint.GetProperty("methods").EnumerateArray().Select(method => method.GetString())));
        Assert.True(posts[0].GetProperty("args").TryGetProperty("categories", out _));
        Assert.True(posts[1].GetProperty("args").TryGetProperty("featured_media", out _));
        Assert.True(routes.TryGetProperty("/wp/v2/users/me", out _));

        foreach (var route in routes.EnumerateObject().Where(route => route.Name.StartsWith("/wp/v2/", StringComparison.Ordinal)))
        {
            var path = "/wp-json" + route.Name.Replace("(?P<id>[\\d]+)", "999999", StringComparison.Ordinal);
            foreach (var method in route.Value.GetProperty("methods").EnumerateArray().Select(method => method.GetString()!))
            {
                using var response = await Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "GET" ? null : JsonContent.Create(new { }) });
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode != HttpStatusCode.MethodNotAllowed && !body.Contains("rest_no_route", StringComparison.Ordinal), $"{method} {path}: {(int)response.StatusCode} {body}");
            }
        }
    }

    [Fact]
    public async Task DiscoveryNamesTheApiAndPagesLinkToIt()
    {
        var (response, index) = await JsonAsync("/wp-json/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["wp/v2"], index.GetProperty("namespaces").EnumerateArray().Select(item => item.GetString()));
        Assert.Equal("http://localhost", index.GetProperty("url").GetString());
        foreach (var route in new[] { "/wp/v2/posts", "/wp/v2/pages", "/wp/v2/categories", "/wp/v2/tags", "/wp/v2/users", "/wp/v2/comments", "/wp/v2/media" })
        {
            Assert.True(index.GetProperty("routes").TryGetProperty(route, out _), route);
        }
        Assert.Equal("wp/v2", (await JsonAsync("/wp-json/wp/v2")).Body.GetProperty("namespace").GetString());

        var (_, _, home) = await GetAsync("/");
        var (_, _, cached) = await GetAsync("/");
        Assert.NotNull(cached.Headers.Age);
        foreach (var page in new[] { home, cached })
        {
            Assert.Equal("<http://localhost/wp-json/>; rel=\"https://api.w.org/\"", Header(page, "Link"));
        }
        var (_, _, feed) = await GetAsync("/feed/");
        Assert.Null(Header(feed, "Link"));
    }

    [Fact]
    public async Task AnswersAreCachedAndEvictedWhenArticlesChange()
    {
        var run = Run();
        await PublishAsync(Story($"Cached {run} one", Recently));
        var path = $"/wp-json/wp/v2/posts?search={run}";
        Assert.Single((await JsonAsync(path)).Body.EnumerateArray());
        var (again, _) = await JsonAsync(path);
        Assert.NotNull(again.Headers.Age);

        await PublishAsync(Story($"Cached {run} two", Recently));

        await Wait.UntilAsync(async () => (await JsonAsync(path)).Body.GetArrayLength() == 2);
    }

    [Fact]
    public async Task MediaAndAnonymousWritesAnswerAsWordPress()
    {
        var (list, _) = await JsonAsync("/wp-json/wp/v2/media");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.NotNull(Header(list, "X-WP-Total"));
        var (missing, error) = await JsonAsync("/wp-json/wp/v2/media/987654321");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("rest_post_invalid_id", error.GetProperty("code").GetString());

        using var comment = await Client.PostAsync(new Uri("/wp-json/wp/v2/comments", UriKind.Relative),
            new StringContent("""{"post":1,"content":"Hello"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, comment.StatusCode);
        Assert.Equal("rest_comment_login_required", JsonDocument.Parse(await comment.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
        using var post = await Client.PostAsync(new Uri("/wp-json/wp/v2/posts", UriKind.Relative),
            new StringContent("""{"title":"Hello"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
        Assert.Equal("rest_cannot_create", JsonDocument.Parse(await post.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
    }

    private async Task<(HttpResponseMessage Response, JsonElement Body)> JsonAsync(string path)
    {
        var (_, body, response) = await GetAsync(path);
        return (response, JsonDocument.Parse(body).RootElement.Clone());
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(", ", values) : null;

    private static List<string?> Titles(JsonElement items) => [.. items.EnumerateArray().Select(item => item.GetProperty("title").GetProperty("rendered").GetString())];

    private async Task<long> CommentAsync(long articleId, string text, string email, string status)
    {
        using var response = await PostCommentAsync(Fields(text, email, article: articleId));
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var id = CommentIdOf(response);
        await Moderator.SetStatusAsync(id, status, AuditActor.CommandLine);
        return id;
    }
}

public sealed class WordPressApiTestsOnSqlite(SqliteProvider provider) : WordPressApiTests<SqliteProvider>(provider);

public sealed class WordPressApiTestsOnPostgres(PostgresProvider provider) : WordPressApiTests<PostgresProvider>(provider);
