using System.Net;
using Gazette.Articles;
using Gazette.Tests.Infrastructure;
using Gazette.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Articles;

/// <summary>
/// The permalink pattern and the time zone as administrators set them, on both
/// databases: links follow at the next request, links in a replaced pattern
/// answer 301 by rule, dates and newsroom times are the site zone's; pages
/// nest under parents and leave a 301 when they move.
/// </summary>
public abstract class PermalinkSettingsTests<TProvider>(TProvider provider) : NewsroomTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    [Fact]
    public async Task AChangedPatternMovesEveryArticleAndItsOldLinksRedirectByRule()
    {
        using var admin = await Newsroom.MemberAsync(Factory, "links-admin" + Guid.NewGuid().ToString("N")[..6], NewsroomRole.Administrator);
        var article = await PublishAsync(Story(Unique("Harbour reopens"), new DateTimeOffset(2024, 3, 9, 10, 0, 0, TimeSpan.Zero)));
        var dated = TestLinks.Of(article);
        try
        {
            using var saved = await SaveAsync(admin, ("Site.Permalinks", "/%postname%/"));
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

            var (status, html, _) = await GetAsync($"/{article.Slug}/");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains($"<link rel=\"canonical\" href=\"http://localhost/{article.Slug}/\">", html, StringComparison.Ordinal);
            Assert.Contains($"href=\"/{article.Slug}/\"", (await GetAsync("/")).Html, StringComparison.Ordinal);
            await AssertMovedAsync(dated, $"/{article.Slug}/");
            await AssertMovedAsync(dated + "comment-page-2/", $"/{article.Slug}/comment-page-2/");

            using var again = await SaveAsync(admin, ("Site.Permalinks", "/news/%post_id%/"));
            var numbered = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"/news/{article.Id}/");
            Assert.Equal(HttpStatusCode.OK, (await GetAsync(numbered)).Status);
            await AssertMovedAsync($"/{article.Slug}/", numbered);
            await AssertMovedAsync(dated, numbered);
            Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("/news/999999999/")).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("/no-such-story-anywhere/")).Status);
        }
        finally
        {
            using var reset = await SaveAsync(admin, ("Site.Permalinks", PermalinkPattern.DefaultText));
        }
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(dated)).Status);
    }

    [Fact]
    public async Task APatternOrTimeZoneTheSiteCannotUseIsRefusedByItsFieldAndChangesNothing()
    {
        using var admin = await Newsroom.MemberAsync(Factory, "badlinks-admin" + Guid.NewGuid().ToString("N")[..6], NewsroomRole.Administrator);

        using var refused = await SaveAsync(admin, ("Site.Permalinks", "/tag/%postname%/"), ("Site.TimeZone", "Mars/Olympus_Mons"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("value=\"/tag/%postname%/\"", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"error\" id=\"Site.Permalinks-error\">/tag/ belongs to the platform; start the pattern with something else.</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"error\" id=\"Site.TimeZone-error\">No time zone is called Mars/Olympus_Mons.", html, StringComparison.Ordinal);
        Assert.Equal(PermalinkPattern.DefaultText, Factory.Services.GetRequiredService<Permalinks>().Pattern.Text);
    }

    [Fact]
    public async Task DatesAreTheSiteZonesAndTheNewsroomSchedulesInIt()
    {
        using var admin = await Newsroom.MemberAsync(Factory, "zone-admin" + Guid.NewGuid().ToString("N")[..6], NewsroomRole.Administrator);
        var article = await PublishAsync(Story(Unique("Night ferry sails"), new DateTimeOffset(2024, 4, 30, 20, 0, 0, TimeSpan.Zero)));
        Assert.Contains("April 30, 2024", (await GetAsync(TestLinks.Of(article))).Html, StringComparison.Ordinal);
        try
        {
            using var saved = await SaveAsync(admin, ("Site.TimeZone", "Asia/Shanghai"));

            var local = $"/2024/05/{article.Slug}/";
            var (status, html, _) = await GetAsync(local);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains("<time datetime=\"2024-04-30T20:00:00Z\">May 1, 2024</time>", html, StringComparison.Ordinal);
            await AssertMovedAsync(TestLinks.Of(article), local);

            using var editor = await Newsroom.MemberAsync(Factory, "zone-editor" + Guid.NewGuid().ToString("N")[..6], NewsroomRole.Editor);
            var fields = new Dictionary<string, string> { ["Title"] = Unique("Typhoon warning"), ["BodyMarkdown"] = "Ships stay in port.", ["CommentStatus"] = "open", ["ScheduleAt"] = "2030-01-01T09:00" };
            Assert.Contains("Publish at (Asia/Shanghai)", await editor.GetStringAsync("/admin/articles/new"), StringComparison.Ordinal);
            using var scheduled = await Newsroom.PostFormAsync(editor, "/admin/articles/new", fields, action: "/admin/articles/new?handler=schedule");
            Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);
            var id = IdIn(scheduled);
            var stored = await Factory.Services.GetRequiredService<ArticleStore>().FindAsync(id);
            Assert.Equal(new DateTimeOffset(2030, 1, 1, 1, 0, 0, TimeSpan.Zero), stored!.PublishedAt);
            Assert.Contains("2030-01-01 09:00 Asia/Shanghai", await editor.GetStringAsync($"/admin/articles/{id}"), StringComparison.Ordinal);
        }
        finally
        {
            using var reset = await SaveAsync(admin, ("Site.TimeZone", "UTC"));
        }
    }

    [Fact]
    public async Task APageNestsUnderAParentAndAMoveLeavesA301ForItAndItsSubpages()
    {
        using var client = await Newsroom.MemberAsync(Factory, "page-editor" + Guid.NewGuid().ToString("N")[..6], NewsroomRole.Editor);
        var about = Unique("About us");
        var parent = await PublishPageAsync(client, about, null);
        var masthead = await PublishPageAsync(client, Unique("Masthead"), parent.Id);
        var aboutPath = $"/{parent.Slug}/";
        var mastheadPath = $"/{parent.Slug}/{masthead.Slug}/";

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(mastheadPath)).Status);
        await AssertMovedAsync($"/{masthead.Slug}/", mastheadPath);
        var form = await client.GetStringAsync($"/admin/articles/{masthead.Id}");
        Assert.Contains("<label for=\"ParentId\">Parent page</label>", form, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{parent.Id}\" selected=\"selected\">{about}</option>", form, StringComparison.Ordinal);

        using var cycle = await Newsroom.PostFormAsync(client, $"/admin/articles/{parent.Id}", PageForm(parent, masthead.Id), action: $"/admin/articles/{parent.Id}?handler=save");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, cycle.StatusCode);
        Assert.Contains("A page cannot be placed under itself or one of its own subpages.", await cycle.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var renamed = await Newsroom.PostFormAsync(client, $"/admin/articles/{parent.Id}", PageForm(parent, null, parent.Slug + "-renamed"), action: $"/admin/articles/{parent.Id}?handler=save");
        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        await AssertMovedAsync(aboutPath, $"/{parent.Slug}-renamed/");
        await AssertMovedAsync(mastheadPath, $"/{parent.Slug}-renamed/{masthead.Slug}/");
    }

    private async Task<Article> PublishPageAsync(HttpClient client, string title, long? parentId)
    {
        var fields = new Dictionary<string, string> { ["Kind"] = "page", ["Title"] = title, ["BodyMarkdown"] = $"About {title}.", ["CommentStatus"] = "closed", ["ParentId"] = parentId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "" };
        using var published = await Newsroom.PostFormAsync(client, "/admin/articles/new?kind=page", fields, action: "/admin/articles/new?kind=page&handler=publish");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        return (await Factory.Services.GetRequiredService<ArticleStore>().FindAsync(IdIn(published)))!;
    }

    /// <summary>The article a new-article form redirected to (/admin/articles/{id}).</summary>
    private static long IdIn(HttpResponseMessage created) =>
        long.Parse(created.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);

    private static Dictionary<string, string> PageForm(Article page, long? parentId, string? slug = null) => new()
    {
        ["Kind"] = "page", ["Title"] = page.Title, ["Slug"] = slug ?? page.Slug, ["BodyMarkdown"] = page.BodyMarkdown, ["CommentStatus"] = "closed",
        ["BaseVersion"] = page.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["ParentId"] = parentId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    private async Task AssertMovedAsync(string from, string to)
    {
        var (status, _, response) = await GetAsync(from);
        Assert.Equal(HttpStatusCode.MovedPermanently, status);
        Assert.Equal(to, response.Headers.Location!.OriginalString);
    }

    /// <summary>Posts the settings page with every field as it stands and <paramref name="changes"/> applied.</summary>
    private async Task<HttpResponseMessage> SaveAsync(HttpClient admin, params (string Field, string Value)[] changes)
    {
        var fields = Factory.Services.GetRequiredService<Gazette.Settings.SettingsEditor>().Current()
            .Where(value => !value.Locked && (value.Setting.Kind != Gazette.Settings.Contracts.SettingKind.Switch || value.Value == "true"))
            .ToDictionary(value => value.Setting.Field, value => value.Value);
        foreach (var (field, value) in changes)
        {
            fields[field] = value;
        }
        return await Newsroom.PostFormAsync(admin, "/admin/settings", fields);
    }
}

public sealed class PermalinkSettingsTestsOnSqlite(SqliteProvider provider) : PermalinkSettingsTests<SqliteProvider>(provider);

public sealed class PermalinkSettingsTestsOnPostgres(PostgresProvider provider) : PermalinkSettingsTests<PostgresProvider>(provider);
