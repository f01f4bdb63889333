using System.Net;
using Gazette.Tests.Infrastructure;
using Gazette.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Articles;

/// <summary>Editors describe sections and tags in the newsroom; the archives show it at once (the cache follows), on both databases.</summary>
public abstract class TermDescriptionTests<TProvider>(TProvider provider) : SiteTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    [Fact]
    public async Task AnEditorsTagAndSectionDescriptionsShowOnTheirArchives()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var article = await PublishAsync(Story($"Described {run}", Factory.Clock.GetUtcNow().AddHours(-1), [$"Desk {run}"], [$"Topic {run}"]));
        var details = await Factory.Services.GetRequiredService<Gazette.Articles.PublicArticleReader>().DetailsAsync(article.Id);
        using var editor = await Newsroom.MemberAsync(Factory, $"editor-{run}", NewsroomRole.Editor);
        var before = (await GetAsync($"/tag/topic-{run}/")).Html;

        using var tag = await Newsroom.PostFormAsync(editor, "/admin/descriptions", new() { ["kind"] = "tags", ["id"] = details.Tags[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["description"] = $"All about topic {run}." });
        using var section = await Newsroom.PostFormAsync(editor, "/admin/descriptions", new() { ["kind"] = "sections", ["id"] = details.Sections[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["description"] = $"The desk {run}." });

        Assert.Equal(HttpStatusCode.Redirect, tag.StatusCode);
        Assert.DoesNotContain($"All about topic {run}.", before, StringComparison.Ordinal);
        var tagPage = (await GetAsync($"/tag/topic-{run}/")).Html;
        Assert.Contains($"<p class=\"listing__description\">All about topic {run}.</p>", tagPage, StringComparison.Ordinal);
        Assert.Contains($"<meta name=\"description\" content=\"All about topic {run}.\">", tagPage, StringComparison.Ordinal);
        Assert.Contains($"<p class=\"listing__description\">The desk {run}.</p>", (await GetAsync($"/section/desk-{run}/")).Html, StringComparison.Ordinal);
        Assert.Contains($"The desk {run}.", (await GetAsync("/sections/")).Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATooLongDescriptionIsRefusedWithWhatWasTypedAndAContributorMayNotDescribe()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var article = await PublishAsync(Story($"Long {run}", Factory.Clock.GetUtcNow().AddHours(-1), tags: [$"Wordy {run}"]));
        var details = await Factory.Services.GetRequiredService<Gazette.Articles.PublicArticleReader>().DetailsAsync(article.Id);
        var form = new Dictionary<string, string> { ["kind"] = "tags", ["id"] = details.Tags[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["description"] = new string('x', 501) };
        using var editor = await Newsroom.MemberAsync(Factory, $"editor-{run}", NewsroomRole.Editor);
        using var contributor = await Newsroom.MemberAsync(Factory, $"contributor-{run}", NewsroomRole.Contributor);

        using var refused = await Newsroom.PostFormAsync(editor, "/admin/descriptions", form);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains(new string('x', 501), await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await contributor.GetAsync("/admin/descriptions")).StatusCode);
        Assert.DoesNotContain("xxxxxxxxxx", (await GetAsync($"/tag/wordy-{run}/")).Html, StringComparison.Ordinal);
    }
}

public sealed class TermDescriptionTestsOnSqlite(SqliteProvider provider) : TermDescriptionTests<SqliteProvider>(provider);

public sealed class TermDescriptionTestsOnPostgres(PostgresProvider provider) : TermDescriptionTests<PostgresProvider>(provider);
