using System.Net;
using System.Text.RegularExpressions;
using Gazette.Articles;
using Gazette.Tests.Infrastructure;
using Gazette.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Articles;

/// <summary>
/// Editors order the masthead's sections (the busiest until they do) and every
/// page shows the order at the next request; the Sections page lists each
/// section readers can open, on both databases.
/// </summary>
public abstract partial class NavigationTests<TProvider>(TProvider provider) : SiteTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    [Fact]
    public async Task AnEditorsOrderReachesTheCachedPagesAtTheNextRequestUntilResetToTheBusiest()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        string[] names = [$"Harbour {tag}", $"Markets {tag}", $"Weather {tag}"];
        foreach (var name in names)
        {
            await PublishAsync(Story($"A story from {name}", sections: [name]));
        }
        await PublishAsync(Story($"Another story from {names[1]}", sections: [names[1]]));
        using var editor = await Newsroom.MemberAsync(Factory, "nav-editor-" + tag, NewsroomRole.Editor);
        var before = await Client.GetStringAsync("/");

        using var saved = await PostAsync(editor, "", Row(names[2], true, "1"), Row(names[0], true, "2"), Row(names[1], false, "3"));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var links = Navigation(await Client.GetStringAsync("/"));
        Assert.Equal([names[2], names[0]], links.Where(names.Contains));
        Assert.DoesNotContain(names[1], links);
        Assert.Equal([names[2], names[0]], Navigation(await Client.GetStringAsync($"/section/{Normalize(names[0])}/")).Where(names.Contains));
        var page = await editor.GetStringAsync("/admin/navigation");
        Assert.Contains("Navigation saved.", page, StringComparison.Ordinal);
        Assert.True(page.IndexOf(names[2], StringComparison.Ordinal) < page.IndexOf(names[0], StringComparison.Ordinal));

        using var reset = await PostAsync(editor, "?handler=reset");

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Null(Factory.Services.GetRequiredService<SectionNavigation>().Chosen());
        Assert.Equal(Navigation(before).Count, Navigation(await Client.GetStringAsync("/")).Count);
    }

    [Fact]
    public async Task ABadNumberSavesNothingAndKeepsWhatWasTyped()
    {
        var name = "Typo " + Guid.NewGuid().ToString("N")[..6];
        await PublishAsync(Story($"A story from {name}", sections: [name]));
        using var editor = await Newsroom.MemberAsync(Factory, "nav-typo-" + Guid.NewGuid().ToString("N")[..6], NewsroomRole.Editor);
        var chosen = Factory.Services.GetRequiredService<SectionNavigation>().Chosen();

        using var refused = await PostAsync(editor, "", Row(name, true, "first"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("value=\"first\"", html, StringComparison.Ordinal);
        Assert.Contains("Enter a whole number from 0 to 999.", html, StringComparison.Ordinal);
        Assert.Equal(chosen, Factory.Services.GetRequiredService<SectionNavigation>().Chosen());
    }

    [Fact]
    public async Task ContributorsAndAuthorsMayNotArrangeTheNavigation()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        using var contributor = await Newsroom.MemberAsync(Factory, "nav-contributor-" + tag, NewsroomRole.Contributor);
        using var author = await Newsroom.MemberAsync(Factory, "nav-author-" + tag, NewsroomRole.Author);

        Assert.Equal(HttpStatusCode.Forbidden, (await contributor.GetAsync("/admin/navigation")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await author.GetAsync("/admin/navigation")).StatusCode);
        Assert.DoesNotContain("href=\"/admin/navigation\"", await contributor.GetStringAsync("/admin/"), StringComparison.Ordinal);
        var navigation = Factory.Services.GetRequiredService<SectionNavigation>();
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => navigation.SaveAsync(new NewsroomUser(1, "Someone", NewsroomRole.Contributor), []));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => navigation.ResetAsync(new NewsroomUser(1, "Someone", NewsroomRole.Author)));
    }

    [Fact]
    public async Task TheSectionsPageListsOnlySectionsReadersCanOpenWithTheirCounts()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var visible = "Visible " + tag;
        var scheduled = "Scheduled " + tag;
        await PublishAsync(Story($"Out now in {visible}", sections: [visible]));
        await PublishAsync(Story($"Also out in {visible}", sections: [visible]));
        await PublishAsync(Story($"Coming to {scheduled}", publishedAt: Factory.Clock.GetUtcNow().AddDays(3), sections: [scheduled]));
        await PublishAsync(Story($"A draft in {scheduled}", sections: [scheduled]) with { Status = ArticleStatus.Draft });
        Assert.Contains("href=\"/sections/\"", await Client.GetStringAsync("/"), StringComparison.Ordinal);

        var (status, html, _) = await GetAsync("/sections/");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"<a href=\"/section/{Normalize(visible)}/\">{visible}</a> <span class=\"section-list__count\">2 articles</span>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(scheduled, html, StringComparison.Ordinal);
        await PublishAsync(Story($"Now out in {scheduled}", sections: [scheduled]));
        Assert.Contains($"{scheduled}</a> <span class=\"section-list__count\">1 article</span>", await Client.GetStringAsync("/sections/"), StringComparison.Ordinal);
    }

    private static (string Name, bool Shown, string Order) Row(string name, bool shown, string order) => (name, shown, order);

    private static string Normalize(string name) => Gazette.Kernel.Normalized.Slug(name);

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string query, params (string Name, bool Shown, string Order)[] rows)
    {
        var token = await Newsroom.FormTokenAsync(client, "/admin/navigation");
        var fields = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", token) };
        foreach (var (name, shown, order) in rows)
        {
            var slug = Normalize(name);
            fields.Add(new("slug", slug));
            fields.Add(new("order-" + slug, order));
            if (shown)
            {
                fields.Add(new("shown", slug));
            }
        }
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri("/admin/navigation" + query, UriKind.Relative), content);
    }

    /// <summary>The names in the masthead's navigation, in order.</summary>
    private static List<string> Navigation(string html)
    {
        var nav = NavigationBlock().Match(html);
        return nav.Success ? [.. NavigationLink().Matches(nav.Value).Select(link => WebUtility.HtmlDecode(link.Groups[1].Value))] : [];
    }

    [GeneratedRegex("<nav class=\"sections\".*?</nav>", RegexOptions.Singleline)]
    private static partial Regex NavigationBlock();

    [GeneratedRegex("<a href=\"/section/[^\"]+/\">([^<]+)</a>")]
    private static partial Regex NavigationLink();
}

public sealed class NavigationTestsOnSqlite(SqliteProvider provider) : NavigationTests<SqliteProvider>(provider);

public sealed class NavigationTestsOnPostgres(PostgresProvider provider) : NavigationTests<PostgresProvider>(provider);
