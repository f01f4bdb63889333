using Gazette.Tests.Infrastructure;
using Gazette.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Site;

/// <summary>Every page template and newsroom page, as served, passes the W3C Nu HTML checker with no errors.</summary>
public sealed class HtmlValidityTests(SqliteProvider provider) : SiteTestBase<SqliteProvider>(provider)
{
    /// <summary>The newsroom's pages an administrator can open without data of their own.</summary>
    public static readonly string[] AdminPages = ["/admin/", "/admin/settings", "/admin/profile/password", "/admin/logout", "/admin/users", "/admin/users/1", "/admin/comments", "/admin/comments?tab=trash", "/admin/comments/blocked", "/admin/privacy", "/admin/media", "/admin/media/new", "/admin/articles", "/admin/articles/new", "/admin/articles?kind=page", "/admin/articles/new?kind=page", "/admin/navigation", "/admin/descriptions", "/admin/sections", "/admin/front", "/admin/front?section=world", "/admin/breaking"];

    [Fact]
    public async Task PagesHaveNoHtmlErrors()
    {
        var folder = Directory.CreateTempSubdirectory("gazette-vnu-").FullName;
        try
        {
            await Factory.Services.GetRequiredService<Gazette.Articles.ArticlePublisher>().CreateAsync(new Gazette.Articles.ArticleDraft
            {
                Kind = Gazette.Articles.ArticleKind.Page, Title = "About us", Slug = "about-us", BodyMarkdown = "Who we are.\n\n## Contact\n\nWrite to us.",
            });
            var writer = (await Factory.Services.GetRequiredService<Gazette.Articles.Contracts.IBylineMembers>().EnsureAsync(["Nu Writer"], CancellationToken.None))["Nu Writer"];
            await PublishAsync(Story("By a member", Factory.Clock.GetUtcNow().AddHours(-1), sections: ["Asia"]) with { Bylines = ["Nu Writer"], BylineMembers = new Dictionary<string, long> { ["Nu Writer"] = writer } });
            await RelatedToTheSampleAsync();
            // Asia under World: the section page links its subsection, the Sections pages show the tree.
            var taxonomy = Factory.Services.GetRequiredService<Gazette.Articles.TaxonomyStore>();
            var (world, asia) = ((await taxonomy.FindSectionAsync("world"))!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), (await taxonomy.FindSectionAsync("asia"))!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            using (var arranger = await Newsroom.MemberAsync(Factory, "nu-editor", NewsroomRole.Editor))
            using (var placed = await Newsroom.PostFormAsync(arranger, "/admin/sections", new() { ["id"] = asia, ["parent"] = world }))
            {
                Assert.Equal(System.Net.HttpStatusCode.Redirect, placed.StatusCode);
            }
            await CorrectTheSampleAsync();
            await ArrangeTheFrontAsync();
            var (live, livePath, entry) = await LiveBlogAsync();
            foreach (var (name, path) in new[] { ("author", "/author/nu-writer/"), ("month", "/2024/04/"), ("year", "/2024/"), ("page", "/about-us/"), ("home", "/"), ("article", SampleArticleTests<SqliteProvider>.Url), ("section", "/section/world/"), ("tag", "/tag/china/"), ("sections", "/sections/"), ("search", "/search?q=china"), ("search-empty", "/search?q=%22"), ("missing", "/no-such-page/"), ("login", "/admin/login"), ("live", livePath), ("live-older", $"{livePath}?entries_before={entry}") })
            {
                var (_, html, _) = await GetAsync(path);
                await File.WriteAllTextAsync(Path.Combine(folder, name + ".html"), html);
            }
            var comment = await PendingCommentAsync();
            using var admin = await Newsroom.MemberAsync(Factory, "nu-admin", NewsroomRole.Administrator);
            var image = await ImageAsync();
            await File.WriteAllTextAsync(Path.Combine(folder, "article-credited.html"), await CreditedArticleAsync(image));
            foreach (var path in AdminPages.Append($"/admin/comments/{comment}").Append($"/admin/media/{image.Id}").Append("/admin/articles/1").Append($"/admin/articles/{live}").Append($"/admin/articles/{live}/live").Append($"/admin/articles/{live}/live/{entry}"))
            {
                await File.WriteAllTextAsync(Path.Combine(folder, "admin" + path.Replace('/', '-').Replace('?', '-') + ".html"), await admin.GetStringAsync(path));
            }
            using (var refused = await Newsroom.PostFormAsync(admin, $"/admin/comments/{comment}", new() { ["reply"] = " " }, action: $"/admin/comments/{comment}?handler=reply"))
            {
                await File.WriteAllTextAsync(Path.Combine(folder, "admin-comment-refused.html"), await refused.Content.ReadAsStringAsync());
            }
            await SaveArticlePagesAsync(admin, folder);
            using (var refused = await Newsroom.PostFormAsync(admin, $"/admin/articles/{live}/live", new() { ["Headline"] = "Typed", ["BodyMarkdown"] = "" }))
            {
                await File.WriteAllTextAsync(Path.Combine(folder, "admin-live-refused.html"), await refused.Content.ReadAsStringAsync());
            }
            using (var refused = await Newsroom.PostFormAsync(admin, "/admin/settings", new() { ["Site.Title"] = "", ["Site.PageSize"] = "many" }))
            {
                await File.WriteAllTextAsync(Path.Combine(folder, "admin-settings-refused.html"), await refused.Content.ReadAsStringAsync());
            }
            using (var refused = await Newsroom.PostFormAsync(admin, "/admin/navigation", new() { ["slug"] = "world", ["shown"] = "world", ["order-world"] = "first" }))
            {
                await File.WriteAllTextAsync(Path.Combine(folder, "admin-navigation-refused.html"), await refused.Content.ReadAsStringAsync());
            }
            using (var refused = await Newsroom.PostFormAsync(admin, "/admin/sections", new() { ["id"] = world, ["parent"] = asia }))
            {
                await File.WriteAllTextAsync(Path.Combine(folder, "admin-sections-refused.html"), await refused.Content.ReadAsStringAsync());
            }
            using (var refused = await Newsroom.PostFormAsync(admin, "/admin/front?section=world", new() { ["act"] = "lead", ["article"] = "999999" }))
            {
                await File.WriteAllTextAsync(Path.Combine(folder, "admin-front-refused.html"), await refused.Content.ReadAsStringAsync());
            }
            using (var refused = await Newsroom.PostFormAsync(admin, "/admin/breaking", new() { ["text"] = "", ["url"] = "javascript:x", ["expires"] = "soon" }))
            {
                await File.WriteAllTextAsync(Path.Combine(folder, "admin-breaking-refused.html"), await refused.Content.ReadAsStringAsync());
            }
            using (var refused = await Newsroom.PostLoginAsync(Client, "nobody", "wrong"))
            {
                await File.WriteAllTextAsync(Path.Combine(folder, "login-refused.html"), await refused.Content.ReadAsStringAsync());
            }

            var (exitCode, output) = await NuChecker.CheckAsync(folder);

            Assert.True(exitCode == 0, $"vnu found errors:\n{output}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A story sharing the sample article's tag, delivered to the cluster subscribers until the sample shows it as related coverage.</summary>
    private async Task RelatedToTheSampleAsync()
    {
        var beside = await PublishAsync(Story("Envoys meet again", Factory.Clock.GetUtcNow().AddHours(-2), sections: ["World"], tags: ["China"]));
        await Wait.UntilAsync(async () =>
        {
            await Factory.Services.GetRequiredService<Gazette.Events.ClusterEventPump>().RunAsync(CancellationToken.None);
            return (await Factory.Services.GetRequiredService<Gazette.Related.RelatedCoverage>().ReadAsync(1, CancellationToken.None)).Contains(beside.Id);
        });
    }

    /// <summary>An update and a correction on the sample article: its page shows the notices, its editor the notice fields and the list.</summary>
    private async Task CorrectTheSampleAsync()
    {
        var editor = Factory.Services.GetRequiredService<Gazette.Articles.ArticleEditor>();
        var user = (await Factory.Services.GetRequiredService<Gazette.Accounts.UserStore>().FindByLoginAsync("nu-editor"))!;
        var member = new NewsroomUser(user.Id, user.DisplayName, NewsroomRole.Editor);
        var sample = (await editor.OpenAsync(member, 1)).Article!;
        sample = (await editor.SaveAsync(member, 1, sample.Article.Version, Gazette.Articles.ArticleInput.Of(sample) with { Notice = Gazette.Articles.NoticeKind.Update, NoticeNote = "Adds the envoys' statement." })).Article!;
        Factory.Clock.Advance(TimeSpan.FromMinutes(30));
        Assert.True((await editor.SaveAsync(member, 1, sample.Article.Version, Gazette.Articles.ArticleInput.Of(sample) with { Notice = Gazette.Articles.NoticeKind.Correction, NoticeNote = "An earlier version misnamed the ministry." })).Succeeded);
    }

    /// <summary>The sample article leads the home page with another story featured, and a banner is up: the public pages show all three.</summary>
    private async Task ArrangeTheFrontAsync()
    {
        using var arranger = await Newsroom.SignInAsync(Factory, "nu-editor");
        var featured = (await PublishAsync(Story("Ministers meet", Factory.Clock.GetUtcNow().AddHours(-3), sections: ["World"]))).Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (act, article) in new[] { ("lead", "1"), ("feature", featured) })
        {
            using var arranged = await Newsroom.PostFormAsync(arranger, "/admin/front", new() { ["act"] = act, ["article"] = article });
            Assert.Equal(System.Net.HttpStatusCode.Redirect, arranged.StatusCode);
        }
        using var banner = await Newsroom.PostFormAsync(arranger, "/admin/breaking", new() { ["text"] = "Polls close across the country", ["url"] = "/section/world/", ["expires"] = "" });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, banner.StatusCode);
    }

    /// <summary>A live blog with a key event and an ordinary entry: its page, an older page of its entries, its desk and an entry's page.</summary>
    private async Task<(long Id, string Path, long OlderEntry)> LiveBlogAsync()
    {
        var article = await PublishAsync(Story("Live: the summit", Factory.Clock.GetUtcNow().AddHours(-1), sections: ["World"]));
        var desk = Factory.Services.GetRequiredService<Gazette.Articles.LiveDesk>();
        var member = new NewsroomUser(1, "Nu", NewsroomRole.Administrator);
        await desk.StartAsync(member, article.Id, CancellationToken.None);
        var first = await desk.PostAsync(member, article.Id, new Gazette.Articles.LiveEntryInput(null, "Delegations arrive.", false), CancellationToken.None);
        await desk.PostAsync(member, article.Id, new Gazette.Articles.LiveEntryInput(null, "Talks begin.", false), CancellationToken.None);
        Factory.Clock.Advance(TimeSpan.FromMinutes(5));
        await desk.PostAsync(member, article.Id, new Gazette.Articles.LiveEntryInput("A deal", "The leaders **agree** a statement.", true), CancellationToken.None);
        return (article.Id, Factory.Services.GetRequiredService<Gazette.Articles.Permalinks>().Of(article), first.EntryId!.Value + 1);
    }

    /// <summary>An image in the library with a caption and a credit, for its page, the grid and an article's inline figure.</summary>
    private async Task<Gazette.Media.MediaItem> ImageAsync()
    {
        using var bytes = new MemoryStream(Gazette.Tests.Media.TestImages.Jpeg(1000, 600));
        var library = Factory.Services.GetRequiredService<Gazette.Media.MediaLibrary>();
        var administrator = new NewsroomUser(1, "Nu", NewsroomRole.Administrator);
        var outcome = await library.UploadAsync(administrator, bytes, "nu.jpg", "A test picture");
        Assert.True((await library.UpdateAsync(administrator, outcome.Item!.Id, new Gazette.Media.MediaMetadata("A test picture", "The test pier.", "Nu Photographer", "", 0.5, 0.5))).Succeeded);
        return outcome.Item;
    }

    /// <summary>A published article with a dateline, an agency's and a member's bylines and an inline figure, as readers see it.</summary>
    private async Task<string> CreditedArticleAsync(Gazette.Media.MediaItem image)
    {
        var editor = Factory.Services.GetRequiredService<Gazette.Articles.ArticleEditor>();
        var member = new NewsroomUser(1, "Nu Editor", NewsroomRole.Administrator);
        var input = new Gazette.Articles.ArticleInput
        {
            Title = "Credited", BodyMarkdown = $"The pier reopened.\n\n![A test picture]({image.Url} \"The pier, reopened\")\n\nBoats came back.",
            Dateline = "KYIV, Ukraine", Bylines = [new Gazette.Articles.Byline(null, "Reuters", true), new Gazette.Articles.Byline(1, "")],
        };
        var created = (await editor.CreateAsync(member, input, Gazette.Articles.ArticleAction.Publish, null)).Article!;
        return (await GetAsync(created.Permalink!)).Html;
    }

    /// <summary>A reader's first comment, held for moderation: the queue and the comment's page then have something to show.</summary>
    private async Task<string> PendingCommentAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/comments/")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["comment_post_ID"] = "1", ["comment_parent"] = "0", ["author"] = "Nu Reader", ["email"] = "nu-reader@example.org", ["url"] = "", ["comment"] = "A first comment, held.",
            }),
        };
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        using var response = await Client.SendAsync(request);
        var location = response.Headers.Location!.OriginalString;
        return location[(location.LastIndexOf("#comment-", StringComparison.Ordinal) + "#comment-".Length)..];
    }

    /// <summary>The editor, its revisions, a refused form and a conflict, over an article with two revisions, a pending one and a scheduled one (for the dashboard).</summary>
    private async Task SaveArticlePagesAsync(HttpClient admin, string folder)
    {
        var editor = Factory.Services.GetRequiredService<Gazette.Articles.ArticleEditor>();
        var member = new NewsroomUser(1, "Nu Editor", NewsroomRole.Administrator);
        var input = new Gazette.Articles.ArticleInput { Title = "Checked", BodyMarkdown = "One line.\n\nAnother line.", Sections = ["World"], Tags = ["Harbour"] };
        var article = (await editor.CreateAsync(member, input)).Article!.Article;
        await editor.SaveAsync(member, article.Id, 1, input with { BodyMarkdown = "One changed line.\n\nAnother line.\n\nA third." });
        var pending = (await editor.CreateAsync(member, input with { Title = "Waiting" })).Article!.Article;
        await editor.SubmitAsync(member, pending.Id, 1);
        var scheduled = (await editor.CreateAsync(member, input with { Title = "Later" })).Article!.Article;
        await editor.ScheduleAsync(member, scheduled.Id, 1, Factory.Clock.GetUtcNow().AddDays(1));
        foreach (var path in new[] { $"/admin/articles/{article.Id}", $"/admin/articles/{article.Id}/revisions?from=1&to=2", "/admin/", "/admin/articles?status=draft" })
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "admin-article" + path.Replace('/', '-').Replace('?', '-').Replace('&', '-') + ".html"), await admin.GetStringAsync(path));
        }
        var form = new Dictionary<string, string>
        {
            ["Title"] = "", ["BodyMarkdown"] = "Typed.", ["BaseVersion"] = "2", ["Dateline"] = "GENEVA",
            ["BylinesShown"] = "true", ["Bylines[0].Name"] = "AFP", ["Bylines[0].Organization"] = "true", ["Bylines[1].Name"] = "afp",
        };
        using (var refused = await Newsroom.PostFormAsync(admin, $"/admin/articles/{article.Id}", form, action: $"/admin/articles/{article.Id}?handler=save"))
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "admin-article-refused.html"), await refused.Content.ReadAsStringAsync());
        }
        form["Title"] = "Mine";
        form["BaseVersion"] = "1";
        using (var conflict = await Newsroom.PostFormAsync(admin, $"/admin/articles/{article.Id}", form, action: $"/admin/articles/{article.Id}?handler=save"))
        {
            Assert.Equal(System.Net.HttpStatusCode.Conflict, conflict.StatusCode);
            await File.WriteAllTextAsync(Path.Combine(folder, "admin-article-conflict.html"), await conflict.Content.ReadAsStringAsync());
        }
        using (var shared = await Newsroom.PostFormAsync(admin, $"/admin/articles/{article.Id}", new() { ["days"] = "2" }, action: $"/admin/articles/{article.Id}?handler=share"))
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "admin-article-shared.html"), await shared.Content.ReadAsStringAsync());
        }
    }
}
