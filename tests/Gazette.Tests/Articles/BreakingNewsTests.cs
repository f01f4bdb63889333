using System.Net;
using Gazette.Articles;
using Gazette.Caching;
using Gazette.Tests.Infrastructure;
using Gazette.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Articles;

/// <summary>
/// The breaking-news banner: joined to every page as it is served, cached or
/// not, so putting it up evicts nothing and its expiry needs no eviction; a
/// browser's copy from before it is not confirmed; bad input changes nothing.
/// On both databases.
/// </summary>
public abstract class BreakingNewsTests<TProvider>(TProvider provider) : NewsroomTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    [Fact]
    public async Task ABannerReachesCachedPagesWithoutEvictingThemAndGoesAtItsExpiry()
    {
        using var editor = await EditorAsync();
        var story = await PublishAsync(Story(Unique("Quake hits the coast")));
        var path = TestLinks.Of(story);
        var (_, before, first) = await GetAsync(path);
        Assert.DoesNotContain("class=\"breaking\"", before, StringComparison.Ordinal);
        var oldTag = first.Headers.ETag!.Tag;
        await Client.GetStringAsync("/");
        var cache = Factory.Services.GetRequiredService<PageCache>();
        var epoch = cache.Epoch;
        var text = Unique("Magnitude 7 quake: live updates");

        using var put = await Newsroom.PostFormAsync(editor, "/admin/breaking", new()
        {
            ["text"] = text, ["url"] = path, ["expires"] = Field(Now.AddHours(1)),
        });

        Assert.Equal(HttpStatusCode.Redirect, put.StatusCode);
        Assert.Equal(epoch, cache.Epoch);
        var banner = $"<section class=\"breaking\" aria-label=\"Breaking news\"><p><strong class=\"breaking__label\">Breaking</strong> <a href=\"{path}\">{text}</a></p></section>";
        var (status, during, response) = await GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(banner, during, StringComparison.Ordinal);
        Assert.True(response.Headers.Age is not null, "the article page came from the cache");
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(during), response.Content.Headers.ContentLength);
        Assert.Contains(banner, await Client.GetStringAsync("/"), StringComparison.Ordinal);
        using var brotli = new HttpRequestMessage(HttpMethod.Get, path);
        brotli.Headers.TryAddWithoutValidation("Accept-Encoding", "br");
        using var compressed = await Client.SendAsync(brotli);
        Assert.Equal(["br"], compressed.Content.Headers.ContentEncoding);
        Assert.Contains(banner, Site.Decompressed.Text(await compressed.Content.ReadAsByteArrayAsync(), "br"), StringComparison.Ordinal);
        var (missing, notFound, _) = await GetAsync("/no-such-page/");
        Assert.Equal(HttpStatusCode.NotFound, missing);
        Assert.Contains(banner, notFound, StringComparison.Ordinal);
        var newTag = response.Headers.ETag!.Tag;
        Assert.NotEqual(oldTag, newTag);
        Assert.Equal(HttpStatusCode.OK, (await ConditionalGetAsync(path, oldTag)).StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, (await ConditionalGetAsync(path, newTag)).StatusCode);

        Factory.Clock.Advance(TimeSpan.FromMinutes(61));

        var after = await Client.GetStringAsync(path);
        Assert.DoesNotContain("class=\"breaking\"", after, StringComparison.Ordinal);
        Assert.Contains("Expired", await editor.GetStringAsync("/admin/breaking"), StringComparison.Ordinal);
        await Newsroom.PostFormAsync(editor, "/admin/breaking", [], action: "/admin/breaking?handler=takedown");
    }

    [Fact]
    public async Task ABannerWithoutExpiryStaysUntilAnEditorTakesItDown()
    {
        using var editor = await EditorAsync();
        var text = Unique("Polls close in the capital");

        Assert.Equal(HttpStatusCode.Redirect, (await Newsroom.PostFormAsync(editor, "/admin/breaking", new() { ["text"] = text, ["url"] = "", ["expires"] = "" })).StatusCode);

        var desk = await editor.GetStringAsync("/admin/breaking");
        Assert.Contains("Showing now", desk, StringComparison.Ordinal);
        Newsroom.AssertEveryFormHasItsToken(desk);
        Factory.Clock.Advance(TimeSpan.FromDays(3));
        Assert.Contains($"<strong class=\"breaking__label\">Breaking</strong> {text}</p>", await Client.GetStringAsync("/"), StringComparison.Ordinal);

        using var later = await EditorAsync();
        using var down = await Newsroom.PostFormAsync(later, "/admin/breaking", [], action: "/admin/breaking?handler=takedown");

        Assert.Equal(HttpStatusCode.Redirect, down.StatusCode);
        Assert.DoesNotContain("class=\"breaking\"", await Client.GetStringAsync("/"), StringComparison.Ordinal);
        Assert.Null(await Factory.Services.GetRequiredService<BreakingNewsDesk>().LatestAsync());
    }

    [Fact]
    public async Task ARefusedBannerKeepsWhatWasTypedShowsEachErrorByItsFieldAndPutsNothingUp()
    {
        using var editor = await EditorAsync();
        var desk = Factory.Services.GetRequiredService<BreakingNewsDesk>();
        var before = await desk.LatestAsync();

        using var refused = await Newsroom.PostFormAsync(editor, "/admin/breaking", new()
        {
            ["text"] = "  ", ["url"] = "javascript:alert(1)", ["expires"] = Field(Now.AddHours(-1)),
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("<span class=\"error\" id=\"text-error\">Enter the banner&#x27;s words.</span>", html, StringComparison.Ordinal);
        Assert.Contains("id=\"url-error\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"javascript:alert(1)\"", html, StringComparison.Ordinal);
        Assert.Contains("That time has passed", html, StringComparison.Ordinal);
        Assert.Equal(before, await desk.LatestAsync());

        using var unreadable = await Newsroom.PostFormAsync(editor, "/admin/breaking", new() { ["text"] = "Storm warning", ["url"] = "//evil.example/", ["expires"] = "tomorrow" });

        var second = await unreadable.Content.ReadAsStringAsync();
        Assert.Contains("Enter a date and time", second, StringComparison.Ordinal);
        Assert.Contains("id=\"url-error\"", second, StringComparison.Ordinal);
        Assert.Equal(before, await desk.LatestAsync());
    }

    [Fact]
    public async Task OnlyEditorsPutUpBreakingNews()
    {
        using var author = await Newsroom.MemberAsync(Factory, "breaking-author-" + Guid.NewGuid().ToString("N")[..6], NewsroomRole.Author);

        Assert.Equal(HttpStatusCode.Forbidden, (await author.GetAsync("/admin/breaking")).StatusCode);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Factory.Services.GetRequiredService<BreakingNewsDesk>()
            .PutUpAsync(new NewsroomUser(1, "Someone", NewsroomRole.Author), new BreakingNewsInput("Text", "", ""), null));
    }

    [Theory]
    [InlineData("/2026/12/story/", true)]
    [InlineData("https://example.org/live", true)]
    [InlineData("", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("//evil.example/", false)]
    [InlineData("/a b/", false)]
    [InlineData("ftp://example.org/", false)]
    public void ALinkIsAPathHereOrAWebAddress(string url, bool accepted)
    {
        var errors = BreakingNewsDesk.Validate("Words", url, "", null, DateTimeOffset.UnixEpoch);

        Assert.Equal(accepted, !errors.ContainsKey(BreakingNewsDesk.Fields.Url));
    }

    private Task<HttpClient> EditorAsync() => Newsroom.MemberAsync(Factory, "breaking-editor-" + Guid.NewGuid().ToString("N")[..6], NewsroomRole.Editor);

    private string Field(DateTimeOffset at) => Factory.Services.GetRequiredService<Gazette.Web.Admin.NewsroomTime>().Field(at);

    private async Task<HttpResponseMessage> ConditionalGetAsync(string path, string etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        return await Client.SendAsync(request);
    }
}

public sealed class BreakingNewsTestsOnSqlite(SqliteProvider provider) : BreakingNewsTests<SqliteProvider>(provider);

public sealed class BreakingNewsTestsOnPostgres(PostgresProvider provider) : BreakingNewsTests<PostgresProvider>(provider);
