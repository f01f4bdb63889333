using System.Net;
using Gazette.Articles;
using Gazette.Tests.Infrastructure;
using Gazette.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Articles;

/// <summary>The editor's page closing lets go of the post lock: editor.js sends the form's token in a beacon to <c>?handler=release</c>.</summary>
public sealed class LockReleaseTests(SqliteProvider provider) : SiteTestBase<SqliteProvider>(provider)
{
    [Fact]
    public async Task ClosingTheEditorReleasesOnlyTheMembersOwnLockAndNeedsTheFormsToken()
    {
        var alice = await Newsroom.AddUserAsync(Factory, "alicerelease", NewsroomRole.Editor);
        using var alicesBrowser = await Newsroom.SignInAsync(Factory, "alicerelease");
        using var bobsBrowser = await Newsroom.MemberAsync(Factory, "bobrelease", NewsroomRole.Editor);
        var created = await Factory.Services.GetRequiredService<ArticleEditor>().CreateAsync(
            new NewsroomUser(alice.Id, alice.DisplayName, NewsroomRole.Editor), new ArticleInput { Title = "Held while open " + Guid.NewGuid().ToString("N")[..8], BodyMarkdown = "Text." });
        var editor = $"/admin/articles/{created.Article!.Article.Id}";
        var locks = Factory.Services.GetRequiredService<ArticleLocks>();
        var alicesToken = await Newsroom.FormTokenAsync(alicesBrowser, editor);
        Assert.Equal(alice.Id, (await locks.HolderAsync(created.Article.Article.Id))!.UserId);

        using (var bobs = await ReleaseAsync(bobsBrowser, editor, await Newsroom.FormTokenAsync(bobsBrowser, editor)))
        {
            Assert.Equal(HttpStatusCode.NoContent, bobs.StatusCode);
        }
        Assert.Equal(alice.Id, (await locks.HolderAsync(created.Article.Article.Id))!.UserId);

        using (var forged = await ReleaseAsync(alicesBrowser, editor, token: null))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }
        Assert.Equal(alice.Id, (await locks.HolderAsync(created.Article.Article.Id))!.UserId);

        using (var released = await ReleaseAsync(alicesBrowser, editor, alicesToken))
        {
            Assert.Equal(HttpStatusCode.NoContent, released.StatusCode);
        }
        Assert.Null(await locks.HolderAsync(created.Article.Article.Id));
        Assert.DoesNotContain("has been editing this since", await bobsBrowser.GetStringAsync(editor), StringComparison.Ordinal);
    }

    /// <summary>What navigator.sendBeacon sends with a FormData: a multipart body, here holding only the token.</summary>
    private static async Task<HttpResponseMessage> ReleaseAsync(HttpClient client, string editor, string? token)
    {
        using var body = new MultipartFormDataContent();
        if (token is not null)
        {
            body.Add(new StringContent(token), "__RequestVerificationToken");
        }
        return await client.PostAsync(new Uri(editor + "?handler=release", UriKind.Relative), body);
    }
}
