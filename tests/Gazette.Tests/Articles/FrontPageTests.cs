using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Gazette.Articles;
using Gazette.Caching;
using Gazette.Media;
using Gazette.Tests.Infrastructure;
using Gazette.Tests.Media;
using Gazette.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Articles;

/// <summary>
/// Editors arrange the home page's and each section's front (a lead, featured
/// stories in order, then the latest), which readers see at the next request,
/// with the stories' pictures, on both databases.
/// </summary>
public abstract partial class FrontPageTests<TProvider>(TProvider provider) : NewsroomTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    private static int _width = 1500;

    private readonly string _folder = Path.Combine(SqliteProvider.Root, "front-" + Guid.NewGuid().ToString("N"));

    protected override void Configure(Dictionary<string, string?> settings) => settings[MediaFolder.Key] = _folder;

    [Fact]
    public async Task AnEditorsLeadAndFeaturedStoriesOpenTheCachedHomePageAtTheNextRequest()
    {
        var (_, client) = await EditorAsync();
        var stories = new List<Article>();
        foreach (var name in new[] { "Oldest", "Second", "Third", "Newest" })
        {
            stories.Add(await PublishAsync(Story(Unique(name), Now.AddMinutes(-60 + stories.Count))));
        }
        var (oldest, second, third, newest) = (stories[0], stories[1], stories[2], stories[3]);
        Assert.NotEqual(oldest.Title, Lead(await Client.GetStringAsync("/")));

        Assert.Equal(HttpStatusCode.Redirect, (await ArrangeAsync(client, "", "lead", oldest.Id)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ArrangeAsync(client, "", "feature", third.Id)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ArrangeAsync(client, "", "feature", second.Id)).StatusCode);

        var home = await Client.GetStringAsync("/");
        Assert.Equal(oldest.Title, Lead(home));
        Assert.Equal([third.Title, second.Title], Featured(home));
        var latest = Latest(home);
        Assert.Contains(newest.Title, latest);
        Assert.DoesNotContain(oldest.Title, latest);
        Assert.DoesNotContain(second.Title, latest);

        await ArrangeAsync(client, "", "up", second.Id);
        Assert.Equal([second.Title, third.Title], Featured(await Client.GetStringAsync("/")));

        await ArrangeAsync(client, "", "lead", third.Id);
        home = await Client.GetStringAsync("/");
        Assert.Equal(third.Title, Lead(home));
        Assert.Equal([oldest.Title, second.Title], Featured(home));

        await ArrangeAsync(client, "", "remove", oldest.Id);
        await ArrangeAsync(client, "", "remove", third.Id);
        home = await Client.GetStringAsync("/");
        Assert.Equal([second.Title], Featured(home));
        Assert.NotEqual(third.Title, Lead(home));
        var page = await client.GetStringAsync("/admin/front");
        Newsroom.AssertEveryFormHasItsToken(page);
        Assert.Contains("Featured 1", page, StringComparison.Ordinal);
        Assert.Contains(second.Title, page, StringComparison.Ordinal);
        await ArrangeAsync(client, "", "remove", second.Id);
        Assert.Empty(await Factory.Services.GetRequiredService<FrontDesk>().PicksAsync(null));
    }

    [Fact]
    public async Task ASectionsFrontHasItsOwnPicksAndRefusesAStoryFiledElsewhereKeepingTheChoice()
    {
        var (_, client) = await EditorAsync();
        var section = Unique("Harbour");
        var slug = Gazette.Kernel.Normalized.Slug(section);
        var inside = await PublishAsync(Story(Unique("Inside"), Now.AddMinutes(-30), sections: [section]));
        var newer = await PublishAsync(Story(Unique("Newer inside"), Now.AddMinutes(-10), sections: [section]));
        var elsewhere = await PublishAsync(Story(Unique("Elsewhere"), Now.AddMinutes(-20), sections: [Unique("Other")]));
        Assert.Equal(newer.Title, Lead(await Client.GetStringAsync($"/section/{slug}/")));

        using var refused = await ArrangeAsync(client, slug, "lead", elsewhere.Id);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("That story is not filed in this section", html, StringComparison.Ordinal);
        Assert.Contains("aria-describedby=\"article-error\"", html, StringComparison.Ordinal);
        var term = await Factory.Services.GetRequiredService<TaxonomyStore>().FindSectionAsync(slug);
        Assert.Empty(await Factory.Services.GetRequiredService<FrontDesk>().PicksAsync(term!.Id));

        Assert.Equal(HttpStatusCode.Redirect, (await ArrangeAsync(client, slug, "lead", inside.Id)).StatusCode);

        var front = await Client.GetStringAsync($"/section/{slug}/");
        Assert.Equal(inside.Title, Lead(front));
        Assert.Equal([newer.Title], Latest(front));
        Assert.NotEqual(inside.Title, Lead(await Client.GetStringAsync("/")));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/admin/front?section=no-such-{slug}")).StatusCode);
    }

    [Fact]
    public async Task AStoryThatIsNotPublicCannotBePickedAndNothingChanges()
    {
        var (editor, client) = await EditorAsync();
        var draft = await DraftAsync(editor, Input(Unique("Unfinished")));

        using var refused = await ArrangeAsync(client, "", "feature", draft.Article.Id);
        using var nothing = await ArrangeAsync(client, "", "feature", null);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("Choose a published story: that one is not public.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, nothing.StatusCode);
        Assert.Contains("Choose a story.", await nothing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await Factory.Services.GetRequiredService<FrontDesk>().PicksAsync(null));
    }

    [Fact]
    public async Task TheHomePageShowsPicturesWithSrcsetAndABlockPerSectionOfTheNavigation()
    {
        var author = await MemberAsync(NewsroomRole.Author);
        var library = Factory.Services.GetRequiredService<MediaLibrary>();
        var upload = await library.UploadAsync(author, new MemoryStream(TestImages.Jpeg(Interlocked.Increment(ref _width), 800)), "crowd.jpg", "A crowd at the square");
        Assert.True(upload.Succeeded);
        var section = Unique("Pictures");
        var draft = await DraftAsync(author, Input(Unique("Crowds gather"), sections: [section]) with { FeaturedMediaId = upload.Item!.Id });
        var published = await Editor.PublishAsync(await MemberAsync(NewsroomRole.Editor), draft.Article.Id, draft.Article.Version);
        Assert.True(published.Succeeded);

        var home = await Client.GetStringAsync("/");

        var stem = upload.Item.Url[..^4];
        Assert.Contains($"<img class=\"card__image\" src=\"{stem}", home, StringComparison.Ordinal);
        Assert.Contains($"srcset=\"{stem}-480.webp 480w", home, StringComparison.Ordinal);
        Assert.Contains("fetchpriority=\"high\"", home, StringComparison.Ordinal);
        Assert.Contains("<div class=\"section-blocks\">", home, StringComparison.Ordinal);
        Assert.Matches("<h2 class=\"section-block__heading\" id=\"section-block-\\d+\"><a href=\"/section/[^\"]+/\">", home);
        Assert.Contains("<h3 class=\"card__title\">", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyEditorsArrangeTheFronts()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        using var author = await Newsroom.MemberAsync(Factory, "front-author-" + tag, NewsroomRole.Author);

        Assert.Equal(HttpStatusCode.Forbidden, (await author.GetAsync("/admin/front")).StatusCode);
        Assert.DoesNotContain("href=\"/admin/front\"", await author.GetStringAsync("/admin/"), StringComparison.Ordinal);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            Factory.Services.GetRequiredService<FrontDesk>().ArrangeAsync(new NewsroomUser(1, "Someone", NewsroomRole.Author), null, FrontAction.Lead, 1));
    }

    private async Task<(NewsroomUser Member, HttpClient Client)> EditorAsync()
    {
        var login = "front-editor-" + Guid.NewGuid().ToString("N")[..6];
        var client = await Newsroom.MemberAsync(Factory, login, NewsroomRole.Editor);
        var user = await new Gazette.Accounts.UserStore(Provider.Database, Factory.Clock).FindByLoginAsync(login);
        return (new NewsroomUser(user!.Id, user.DisplayName, NewsroomRole.Editor), client);
    }

    private static async Task<HttpResponseMessage> ArrangeAsync(HttpClient client, string section, string act, long? article)
    {
        var page = section.Length == 0 ? "/admin/front" : "/admin/front?section=" + section;
        var fields = new Dictionary<string, string> { ["act"] = act };
        if (article is { } id)
        {
            fields["article"] = id.ToString(CultureInfo.InvariantCulture);
        }
        return await Newsroom.PostFormAsync(client, page, fields);
    }

    private static string? Lead(string html) =>
        LeadBlock().Match(html) is { Success: true } lead ? WebUtility.HtmlDecode(CardTitle().Match(lead.Value).Groups[1].Value) : null;

    private static List<string> Featured(string html) =>
        FeaturedBlock().Match(html) is { Success: true } block ? [.. CardTitle().Matches(block.Value).Select(match => WebUtility.HtmlDecode(match.Groups[1].Value))] : [];

    private static List<string> Latest(string html) =>
        LatestBlock().Match(html) is { Success: true } block ? [.. CardTitle().Matches(block.Value).Select(match => WebUtility.HtmlDecode(match.Groups[1].Value))] : [];

    [GeneratedRegex("<div class=\"lead\">.*?</article>", RegexOptions.Singleline)]
    private static partial Regex LeadBlock();

    [GeneratedRegex("<ol class=\"featured\">.*?</ol>", RegexOptions.Singleline)]
    private static partial Regex FeaturedBlock();

    [GeneratedRegex("<ol class=\"cards\">.*?</ol>", RegexOptions.Singleline)]
    private static partial Regex LatestBlock();

    [GeneratedRegex("class=\"card__title\"><a href=\"[^\"]+\">([^<]+)</a>")]
    private static partial Regex CardTitle();
}

public sealed class FrontPageTestsOnSqlite(SqliteProvider provider) : FrontPageTests<SqliteProvider>(provider);

public sealed class FrontPageTestsOnPostgres(PostgresProvider provider) : FrontPageTests<PostgresProvider>(provider);
