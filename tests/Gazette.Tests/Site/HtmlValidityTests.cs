using Gazette.Tests.Infrastructure;
using Gazette.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Site;

/// <summary>Every page template and newsroom page, as served, passes the W3C Nu HTML checker with no errors.</summary>
public sealed class HtmlValidityTests(SqliteProvider provider) : SiteTestBase<SqliteProvider>(provider)
{
    /// <summary>The newsroom's pages an administrator can open without data of their own.</summary>
    public static readonly string[] AdminPages = ["/admin/", "/admin/settings", "/admin/profile/password", "/admin/logout", "/admin/users", "/admin/users/1", "/admin/comments", "/admin/comments?tab=trash", "/admin/privacy", "/admin/media", "/admin/media/new"];

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
            foreach (var (name, path) in new[] { ("page", "/about-us/"), ("home", "/"), ("article", SampleArticleTests<SqliteProvider>.Url), ("section", "/section/world/"), ("tag", "/tag/china/"), ("missing", "/no-such-page/"), ("login", "/admin/login") })
            {
                var (_, html, _) = await GetAsync(path);
                await File.WriteAllTextAsync(Path.Combine(folder, name + ".html"), html);
            }
            var comment = await PendingCommentAsync();
            using var admin = await Newsroom.MemberAsync(Factory, "nu-admin", NewsroomRole.Administrator);
            var image = await ImageAsync();
            foreach (var path in AdminPages.Append($"/admin/comments/{comment}").Append($"/admin/media/{image}"))
            {
                await File.WriteAllTextAsync(Path.Combine(folder, "admin" + path.Replace('/', '-').Replace('?', '-') + ".html"), await admin.GetStringAsync(path));
            }
            using (var refused = await Newsroom.PostFormAsync(admin, $"/admin/comments/{comment}", new() { ["reply"] = " " }, action: $"/admin/comments/{comment}?handler=reply"))
            {
                await File.WriteAllTextAsync(Path.Combine(folder, "admin-comment-refused.html"), await refused.Content.ReadAsStringAsync());
            }
            using (var refused = await Newsroom.PostFormAsync(admin, "/admin/settings", new() { ["Site.Title"] = "", ["Site.PageSize"] = "many" }))
            {
                await File.WriteAllTextAsync(Path.Combine(folder, "admin-settings-refused.html"), await refused.Content.ReadAsStringAsync());
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

    /// <summary>An image in the library, for its page and the grid.</summary>
    private async Task<long> ImageAsync()
    {
        using var bytes = new MemoryStream(Gazette.Tests.Media.TestImages.Jpeg(1000, 600));
        var outcome = await Factory.Services.GetRequiredService<Gazette.Media.MediaLibrary>().UploadAsync(new NewsroomUser(1, "Nu", NewsroomRole.Administrator), bytes, "nu.jpg", "A test picture");
        return outcome.Item!.Id;
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
}
