using Gazette.Tests.Infrastructure;
using Gazette.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Site;

/// <summary>Every page template and newsroom page, as served, passes the W3C Nu HTML checker with no errors.</summary>
public sealed class HtmlValidityTests(SqliteProvider provider) : SiteTestBase<SqliteProvider>(provider)
{
    /// <summary>The newsroom's pages an administrator can open without data of their own.</summary>
    public static readonly string[] AdminPages = ["/admin/", "/admin/settings", "/admin/profile/password", "/admin/logout", "/admin/users", "/admin/users/1"];

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
            using var admin = await Newsroom.MemberAsync(Factory, "nu-admin", NewsroomRole.Administrator);
            foreach (var path in AdminPages)
            {
                await File.WriteAllTextAsync(Path.Combine(folder, "admin" + path.Replace('/', '-') + ".html"), await admin.GetStringAsync(path));
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
}
