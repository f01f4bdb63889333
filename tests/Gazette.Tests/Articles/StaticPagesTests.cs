using System.Net;
using Gazette.Articles;
using Gazette.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Articles;

/// <summary>Pages at /{slug}/ and /{parent}/{slug}/: published ones only, one path each, the policies drafted at install.</summary>
public sealed class StaticPagesTests(SqliteProvider provider) : SiteTestBase<SqliteProvider>(provider)
{
    [Fact]
    public async Task AFreshInstallDraftsThePoliciesFromWhatGazetteStoresWithoutPublishingThem()
    {
        var store = Factory.Services.GetRequiredService<ArticleStore>();
        var publisher = Factory.Services.GetRequiredService<ArticlePublisher>();
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("/privacy-policy/")).Status);

        var drafts = await store.FindDraftPagesAsync();
        var privacy = Assert.Single(drafts, page => page.Title == PolicyDrafts.PrivacyTitle);
        Assert.Contains("kept for **30 days**", privacy.BodyMarkdown, StringComparison.Ordinal);
        Assert.Contains(drafts, page => page.Title == PolicyDrafts.CommentTitle);

        var published = await publisher.CreateAsync(PolicyDrafts.Privacy("Gazette", 30) with { Status = ArticleStatus.Published, Slug = "privacy" });
        var (status, html, _) = await GetAsync("/privacy/");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<h1 class=\"story__title\">Privacy policy</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<strong>never published</strong>", html, StringComparison.Ordinal);
        Assert.Equal("page", published.Kind);
    }

    [Fact]
    public async Task AnEditorPublishesTheDraftedPrivacyPolicyFromTheArticleEditor()
    {
        var privacy = (await Factory.Services.GetRequiredService<ArticleStore>().FindDraftPagesAsync()).Single(page => page.Title == PolicyDrafts.PrivacyTitle);
        using var editor = await Newsroom.MemberAsync(Factory, "policy-editor", Gazette.Web.NewsroomRole.Editor);
        var form = await editor.GetStringAsync($"/admin/articles/{privacy.Id}");
        Assert.Contains("Privacy policy", form, StringComparison.Ordinal);

        using var published = await Newsroom.PostFormAsync(editor, $"/admin/articles/{privacy.Id}", new()
        {
            ["Title"] = privacy.Title, ["BodyMarkdown"] = privacy.BodyMarkdown, ["Summary"] = privacy.Summary, ["CommentStatus"] = "closed",
            ["BaseVersion"] = privacy.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, action: $"/admin/articles/{privacy.Id}?handler=publish");

        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Contains("/privacy-policy/", await editor.GetStringAsync($"/admin/articles/{privacy.Id}"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/privacy-policy/")).Status);
    }

    [Fact]
    public async Task AnEditorWritesAndPublishesAPageFromTheNewsroomAndAnAuthorMayNot()
    {
        using var editor = await Newsroom.MemberAsync(Factory, "page-editor", Gazette.Web.NewsroomRole.Editor);
        using var author = await Newsroom.MemberAsync(Factory, "page-author", Gazette.Web.NewsroomRole.Author);
        var fields = new Dictionary<string, string> { ["Kind"] = "page", ["Title"] = "Contact the newsroom", ["BodyMarkdown"] = "Write to desk@example.org.", ["CommentStatus"] = "closed" };

        Assert.Contains("<h1>New page</h1>", await editor.GetStringAsync("/admin/articles/new?kind=page"), StringComparison.Ordinal);
        using var published = await Newsroom.PostFormAsync(editor, "/admin/articles/new?kind=page", fields, action: "/admin/articles/new?kind=page&handler=publish");
        using var refused = await Newsroom.PostFormAsync(author, "/admin/articles/new", fields, action: "/admin/articles/new?handler=save");

        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/contact-the-newsroom/")).Status);
        Assert.Contains("Contact the newsroom", await editor.GetStringAsync("/admin/articles?kind=page"), StringComparison.Ordinal);
        Assert.DoesNotContain("Contact the newsroom", await editor.GetStringAsync("/admin/articles"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.DoesNotContain("<h1>Pages</h1>", await author.GetStringAsync("/admin/articles?kind=page"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APageUnderAParentHasOnePathAndItsOtherSpellingsRedirect()
    {
        var publisher = Factory.Services.GetRequiredService<ArticlePublisher>();
        var about = await publisher.CreateAsync(new ArticleDraft { Kind = ArticleKind.Page, Title = "About us", Slug = "about", BodyMarkdown = "Who we are." });
        await publisher.CreateAsync(new ArticleDraft { Kind = ArticleKind.Page, ParentId = about.Id, Title = "Masthead", BodyMarkdown = "Editor: Ada." });

        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/about/masthead/")).Status);
        foreach (var other in new[] { "/masthead/", "/about/masthead", "/wrong/masthead/" })
        {
            var (status, _, response) = await GetAsync(other);
            Assert.Equal(HttpStatusCode.MovedPermanently, status);
            Assert.Equal("/about/masthead/", response.Headers.Location!.OriginalString);
        }
    }

    [Fact]
    public async Task APageThePublicCannotSeeIsNotFoundNorIsOneUnderIt()
    {
        var publisher = Factory.Services.GetRequiredService<ArticlePublisher>();
        var secret = await publisher.CreateAsync(new ArticleDraft { Kind = ArticleKind.Page, Status = ArticleStatus.Draft, Title = "Secret plans", BodyMarkdown = "Not yet." });
        await publisher.CreateAsync(new ArticleDraft { Kind = ArticleKind.Page, ParentId = secret.Id, Title = "Under the secret", BodyMarkdown = "Child." });

        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("/secret-plans/")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("/under-the-secret/")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("/secret-plans/under-the-secret/")).Status);
    }

    [Fact]
    public async Task APageCannotTakeAPathThePlatformOwns()
    {
        var page = await Factory.Services.GetRequiredService<ArticlePublisher>().CreateAsync(new ArticleDraft { Kind = ArticleKind.Page, Title = "Admin", BodyMarkdown = "Trying." });

        Assert.Equal("admin-2", page.Slug);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/admin-2/")).Status);
    }
}
