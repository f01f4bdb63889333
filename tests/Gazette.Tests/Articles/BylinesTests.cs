using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gazette.Articles;
using Gazette.Tests.Feeds;
using Gazette.Tests.Infrastructure;
using Gazette.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Articles;

/// <summary>The byline and dateline rules alone.</summary>
public sealed class BylineRulesTests
{
    private static readonly Dictionary<long, string> Members = new() { [7] = "Ada Reporter", [8] = "Ada Reporter", [9] = "Bo Editor" };

    private static (IReadOnlyList<Byline> Bylines, Dictionary<string, string> Errors) Check(params Byline[] bylines)
    {
        var errors = new Dictionary<string, string>();
        return (BylineRules.Check(bylines, Members, errors), errors);
    }

    [Fact]
    public void MembersTakeTheirDisplayNameAndContributorsTheirNameOnOneLine()
    {
        var (bylines, errors) = Check(new Byline(null, "  Reuters \n", Organization: true), new Byline(9, ""), new Byline(null, "Jane Doe,  special correspondent"));

        Assert.Empty(errors);
        Assert.Equal([new Byline(null, "Reuters", true), new Byline(9, "Bo Editor"), new Byline(null, "Jane Doe, special correspondent")], bylines);
    }

    [Fact]
    public void AnArticleNeedsOneBylineAndAtMostTen()
    {
        Assert.Contains("needs a byline", Check().Errors[ArticleFields.Bylines], StringComparison.Ordinal);
        Assert.Empty(Check([.. Enumerable.Range(1, BylineRules.MaxCount).Select(i => new Byline(null, $"Writer {i}"))]).Errors);
        Assert.Contains("at most 10", Check([.. Enumerable.Range(1, BylineRules.MaxCount + 1).Select(i => new Byline(null, $"Writer {i}"))]).Errors[ArticleFields.Bylines], StringComparison.Ordinal);
    }

    [Fact]
    public void ABylineNamedTwiceIsRefusedButTwoMembersMayShareAName()
    {
        Assert.Equal("“Bo Editor” is named twice: give each byline once.", Check(new Byline(9, ""), new Byline(9, "")).Errors[ArticleFields.Bylines]);
        Assert.Equal("“REUTERS” is named twice: give each byline once.", Check(new Byline(null, "Reuters"), new Byline(null, "REUTERS")).Errors[ArticleFields.Bylines]);
        Assert.Contains("named twice", Check(new Byline(9, ""), new Byline(null, "bo editor")).Errors[ArticleFields.Bylines], StringComparison.Ordinal);
        Assert.Empty(Check(new Byline(7, ""), new Byline(8, "")).Errors);
    }

    [Fact]
    public void AMemberMustExistBeAPersonAndNotBeRenamedOnTheWay()
    {
        Assert.Equal("Byline 2: choose a member of the newsroom from the list.", Check(new Byline(9, ""), new Byline(404, "")).Errors[ArticleFields.Bylines]);
        Assert.Contains("a person, not an organization", Check(new Byline(9, "", Organization: true)).Errors[ArticleFields.Bylines], StringComparison.Ordinal);
        Assert.Contains("not both", Check(new Byline(9, "Someone Else")).Errors[ArticleFields.Bylines], StringComparison.Ordinal);
        Assert.Empty(Check(new Byline(9, "Bo Editor")).Errors);
    }

    [Fact]
    public void AContributorsNameHasALengthAndNoHiddenCharacters()
    {
        Assert.Empty(Check(new Byline(null, new string('a', BylineRules.MaxNameLength))).Errors);
        Assert.Contains("at most 100 characters", Check(new Byline(null, new string('a', BylineRules.MaxNameLength + 1))).Errors[ArticleFields.Bylines], StringComparison.Ordinal);
        Assert.Contains("cannot be shown", Check(new Byline(null, "Jane\u202EDoe")).Errors[ArticleFields.Bylines], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("KYIV, Ukraine", "KYIV, Ukraine")]
    [InlineData("  KYIV,   Ukraine —  ", "KYIV, Ukraine")]
    [InlineData("WASHINGTON -", "WASHINGTON")]
    [InlineData("", "")]
    public void ADatelineIsOneLineWithoutTheDash(string typed, string stored)
    {
        var errors = new Dictionary<string, string>();
        Assert.Equal(stored, Datelines.Check(typed, errors));
        Assert.Empty(errors);
    }

    [Fact]
    public void ALongDatelineIsRefused()
    {
        var errors = new Dictionary<string, string>();
        Datelines.Check(new string('A', Datelines.MaxLength + 1), errors);
        Assert.Contains(ArticleFields.Dateline, errors.Keys);
    }
}

/// <summary>Bylines and datelines through the newsroom's form, and where readers, author pages, feeds and the WordPress API see them, on both databases.</summary>
public abstract partial class BylinesTests<TProvider>(TProvider provider) : NewsroomTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    private const string Body = "First paragraph.\n\nSecond paragraph.";

    private async Task<(HttpClient Client, NewsroomUser Member)> SignedInAsync(string role)
    {
        var login = role[..2] + Guid.NewGuid().ToString("N")[..8];
        var user = await Newsroom.AddUserAsync(Factory, login, role);
        return (await Newsroom.SignInAsync(Factory, login), new NewsroomUser(user.Id, user.DisplayName, role));
    }

    private async Task<EditableArticle> PublishedAsync(NewsroomUser member, string title)
    {
        var draft = await DraftAsync(member, Input(title, Body));
        var published = (await Editor.PublishAsync(member, draft.Article.Id, 1)).Article!;
        Factory.Clock.Advance(TimeSpan.FromMinutes(10));
        return published;
    }

    private static Dictionary<string, string> Form(EditableArticle article, string dateline = "", params (string Member, string Name, bool Organization, string Position)[] bylines)
    {
        var form = new Dictionary<string, string>
        {
            ["Title"] = article.Article.Title,
            ["Slug"] = article.Article.Slug,
            ["BodyMarkdown"] = Body,
            ["CommentStatus"] = "open",
            ["Dateline"] = dateline,
            ["BylinesShown"] = "true",
            ["BaseVersion"] = article.Article.Version.ToString(CultureInfo.InvariantCulture),
        };
        for (var i = 0; i < bylines.Length; i++)
        {
            form[$"Bylines[{i}].Member"] = bylines[i].Member;
            form[$"Bylines[{i}].Name"] = bylines[i].Name;
            form[$"Bylines[{i}].Position"] = bylines[i].Position;
            if (bylines[i].Organization)
            {
                form[$"Bylines[{i}].Organization"] = "true";
            }
        }
        return form;
    }

    private static string Id(NewsroomUser member) => member.Id.ToString(CultureInfo.InvariantCulture);

    private static Task<HttpResponseMessage> SaveAsync(HttpClient client, long id, Dictionary<string, string> form) =>
        Newsroom.PostFormAsync(client, $"/admin/articles/{id}", form, action: $"/admin/articles/{id}?handler=save");

    private static JsonElement NewsArticle(string html) =>
        JsonDocument.Parse(JsonLd().Match(html).Groups[1].Value).RootElement.EnumerateArray().Single(node => node.GetProperty("@type").GetString() == "NewsArticle");

    [GeneratedRegex("<script type=\"application/ld\\+json\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex JsonLd();

    [Fact]
    public async Task AnEditorSetsAMemberAndAnAgencyInOrderAndThePageTheAuthorPageAndJsonLdFollow()
    {
        var (client, editor) = await SignedInAsync(NewsroomRole.Editor);
        var writer = await MemberAsync(NewsroomRole.Author, Unique("Writer"));
        var title = Unique("Port strike");
        var article = await PublishedAsync(editor, title);
        var path = article.Permalink!;
        var authors = await Factory.Services.GetRequiredService<Gazette.Articles.Contracts.IAuthorDirectory>().FindAsync([writer.Id], CancellationToken.None);
        var writerPage = authors[writer.Id].Path;
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(writerPage)).Status);
        Assert.Contains($"By <a href=", (await GetAsync(path)).Html, StringComparison.Ordinal);

        var page = await client.GetStringAsync($"/admin/articles/{article.Article.Id}");
        Assert.Contains($"<option value=\"{Id(writer)}\">{writer.Name}</option>", page, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{Id(editor)}\" selected=\"selected\">{editor.Name}</option>", page, StringComparison.Ordinal);

        using (var saved = await SaveAsync(client, article.Article.Id, Form(article, "", (Id(writer), "", false, "2"), ("", "Reuters", true, "1"), ("", "", false, ""))))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        Assert.Equal([new Byline(null, "Reuters", true), new Byline(writer.Id, writer.Name)], (await Editor.OpenAsync(editor, article.Article.Id)).Article!.Bylines);
        var html = (await GetAsync(path)).Html;
        Assert.Contains($"<span class=\"byline\">By Reuters, <a href=\"{writerPage}\">{writer.Name}</a></span>", html, StringComparison.Ordinal);
        var authorsLd = NewsArticle(html).GetProperty("author").EnumerateArray().ToList();
        Assert.Equal(["Organization", "Person"], authorsLd.Select(author => author.GetProperty("@type").GetString()));
        Assert.Equal("Reuters", authorsLd[0].GetProperty("name").GetString());
        Assert.False(authorsLd[0].TryGetProperty("url", out _));
        Assert.Equal("http://localhost" + writerPage, authorsLd[1].GetProperty("url").GetString());

        var (status, archive, _) = await GetAsync(writerPage);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(title, archive, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FeedsAndTheWordPressApiNameEveryBylineAndTheFirstMemberAsAuthor()
    {
        var editor = await MemberAsync(NewsroomRole.Editor);
        var writer = await MemberAsync(NewsroomRole.Author, Unique("Writer"));
        var title = Unique("Grain deal");
        var article = await PublishedAsync(editor, title);
        var saved = await Editor.SaveAsync(editor, article.Article.Id, article.Article.Version,
            ArticleInput.Of(article) with { Bylines = [new Byline(null, "Xinhua", true), new Byline(writer.Id, "")] });
        Assert.Equal(EditOutcome.Done, saved.Outcome);

        var rss = FeedShapes.Rss((await GetAsync("/feed/")).Html).Items.Single(item => item.Title.Text == title);
        Assert.Equal(["Xinhua", writer.Name], rss.ElementExtensions.ReadElementExtensions<string>("creator", FeedShapes.DublinCore.NamespaceName));
        var atom = FeedShapes.AtomFeed((await GetAsync("/feed/atom/")).Html).Items.Single(item => item.Title.Text == title);
        Assert.Equal(["Xinhua", writer.Name], atom.Authors.Select(author => author.Name));
        var json = FeedShapes.Json((await GetAsync("/feed.json")).Html).GetProperty("items").EnumerateArray().Single(item => item.GetProperty("title").GetString() == title);
        Assert.Equal(["Xinhua", writer.Name], json.GetProperty("authors").EnumerateArray().Select(author => author.GetProperty("name").GetString()));

        var post = JsonDocument.Parse((await GetAsync($"/wp-json/wp/v2/posts/{article.Article.Id}")).Html).RootElement;
        Assert.Equal(writer.Id, post.GetProperty("author").GetInt64());
    }

    [Fact]
    public async Task RefusedBylinesChangeNothingAndTheFormKeepsWhatWasTyped()
    {
        var (client, editor) = await SignedInAsync(NewsroomRole.Editor);
        var article = await PublishedAsync(editor, Unique("Ferry"));

        using (var refused = await SaveAsync(client, article.Article.Id, Form(article, "ODESA, Ukraine", ("", "Jane Doe, special correspondent", false, "1"), ("", "jane doe, special correspondent", false, "2"))))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            var html = await refused.Content.ReadAsStringAsync();
            Assert.Contains("<span class=\"error\" id=\"Bylines-error\">“jane doe, special correspondent” is named twice: give each byline once.</span>", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
            Assert.Contains("value=\"Jane Doe, special correspondent\"", html, StringComparison.Ordinal);
            Assert.Contains("value=\"ODESA, Ukraine\"", html, StringComparison.Ordinal);
        }
        using (var empty = await SaveAsync(client, article.Article.Id, Form(article, "", ("", " ", false, "1"))))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
            Assert.Contains("An article needs a byline", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var stored = (await Editor.OpenAsync(editor, article.Article.Id)).Article!;
        Assert.Equal(article.Article.Version, stored.Article.Version);
        Assert.Equal([new Byline(editor.Id, editor.Name)], stored.Bylines);
        Assert.Equal("", stored.Article.Dateline);
    }

    [Fact]
    public async Task AnAuthorSeesTheBylinesButCannotChangeThem()
    {
        var (client, author) = await SignedInAsync(NewsroomRole.Author);
        var article = await PublishedAsync(author, Unique("Market day"));

        var page = await client.GetStringAsync($"/admin/articles/{article.Article.Id}");
        Assert.DoesNotContain("Bylines[0].Member", page, StringComparison.Ordinal);
        Assert.Contains($"<strong>Bylines:</strong> {author.Name}. An editor sets bylines.", page, StringComparison.Ordinal);

        using (var saved = await SaveAsync(client, article.Article.Id, Form(article, "LAGOS, Nigeria", ("", "AFP", true, "1"))))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }
        var stored = (await Editor.OpenAsync(author, article.Article.Id)).Article!;
        Assert.Equal([new Byline(author.Id, author.Name)], stored.Bylines);
        Assert.Equal("LAGOS, Nigeria", stored.Article.Dateline);
    }

    [Fact]
    public async Task TheDatelineOpensTheStoryAndJsonLdAndAnEmptyFieldRemovesIt()
    {
        var (client, editor) = await SignedInAsync(NewsroomRole.Editor);
        var article = await PublishedAsync(editor, Unique("Blackout"));
        var path = article.Permalink!;
        Assert.DoesNotContain("class=\"dateline\"", (await GetAsync(path)).Html, StringComparison.Ordinal);

        using (var saved = await SaveAsync(client, article.Article.Id, Form(article, "KYIV, Ukraine —", (Id(editor), "", false, "1"))))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }
        var html = (await GetAsync(path)).Html;
        Assert.Contains("<div class=\"story__body\">\n<p><span class=\"dateline\">KYIV, Ukraine —</span> First paragraph.</p>", html, StringComparison.Ordinal);
        Assert.Equal("KYIV, Ukraine", NewsArticle(html).GetProperty("dateline").GetString());

        var dated = (await Editor.OpenAsync(editor, article.Article.Id)).Article!;
        using (var cleared = await SaveAsync(client, article.Article.Id, Form(dated, "", (Id(editor), "", false, "1"))))
        {
            Assert.Equal(HttpStatusCode.Redirect, cleared.StatusCode);
        }
        var after = (await GetAsync(path)).Html;
        Assert.DoesNotContain("class=\"dateline\"", after, StringComparison.Ordinal);
        Assert.False(NewsArticle(after).TryGetProperty("dateline", out _));
    }

    [Fact]
    public async Task RevisionsAndAutosavesKeepBylinesAndDateline()
    {
        var (client, editor) = await SignedInAsync(NewsroomRole.Editor);
        var article = await PublishedAsync(editor, Unique("Floods"));
        var changed = (await Editor.SaveAsync(editor, article.Article.Id, article.Article.Version,
            ArticleInput.Of(article) with { Bylines = [new Byline(null, "AP", true)], Dateline = "DHAKA, Bangladesh" })).Article!;
        var comparison = (await Factory.Services.GetRequiredService<ArticleRevisions>().CompareAsync(editor, article.Article.Id, article.Article.Version, changed.Article.Version))!;
        Assert.Contains(comparison.Fields, field => field.Field == ArticleFields.Bylines && field.Changed);
        Assert.Contains(comparison.Fields, field => field.Field == ArticleFields.Dateline && field.Changed);

        var restored = await Editor.RestoreRevisionAsync(editor, article.Article.Id, changed.Article.Version, article.Article.Version);
        Assert.Equal([new Byline(editor.Id, editor.Name)], restored.Article!.Bylines);
        Assert.Equal("", restored.Article.Article.Dateline);

        Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        using (var autosaved = await Newsroom.PostFormAsync(client, $"/admin/articles/{article.Article.Id}", Form(restored.Article, "GENEVA", ("", "Reuters", true, "1")),
                   action: $"/admin/articles/{article.Article.Id}?handler=autosave"))
        {
            Assert.Equal(HttpStatusCode.NoContent, autosaved.StatusCode);
        }
        using var offered = await Newsroom.PostFormAsync(client, $"/admin/articles/{article.Article.Id}", new(), action: $"/admin/articles/{article.Article.Id}?handler=restoreAutosave");
        var form = await offered.Content.ReadAsStringAsync();
        Assert.Contains("value=\"Reuters\"", form, StringComparison.Ordinal);
        Assert.Contains("value=\"GENEVA\"", form, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANewArticleFromAnEditorCarriesTheBylinesChosen()
    {
        var (client, editor) = await SignedInAsync(NewsroomRole.Editor);
        var title = Unique("Wire copy");
        var form = new Dictionary<string, string>
        {
            ["Kind"] = "article", ["Title"] = title, ["BodyMarkdown"] = Body, ["CommentStatus"] = "open", ["Dateline"] = "BEIJING",
            ["BylinesShown"] = "true", ["Bylines[0].Name"] = "Xinhua", ["Bylines[0].Organization"] = "true", ["Bylines[0].Position"] = "1",
        };
        var blank = await client.GetStringAsync("/admin/articles/new");
        Assert.Contains($"<option value=\"{Id(editor)}\" selected=\"selected\">{editor.Name}</option>", blank, StringComparison.Ordinal);

        using var created = await Newsroom.PostFormAsync(client, "/admin/articles/new", form, action: "/admin/articles/new?handler=save");

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = long.Parse(created.Headers.Location!.OriginalString.Split('/')[^1], CultureInfo.InvariantCulture);
        var stored = (await Editor.OpenAsync(editor, id)).Article!;
        Assert.Equal([new Byline(null, "Xinhua", true)], stored.Bylines);
        Assert.Equal("BEIJING", stored.Article.Dateline);
    }
}

public sealed class BylinesTestsOnSqlite(SqliteProvider provider) : BylinesTests<SqliteProvider>(provider);

public sealed class BylinesTestsOnPostgres(PostgresProvider provider) : BylinesTests<PostgresProvider>(provider);
