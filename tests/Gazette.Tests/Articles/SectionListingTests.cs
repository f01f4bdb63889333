using Gazette.Web;
using Gazette.Articles;
using Gazette.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Articles;

/// <summary>
/// A section with none beneath it lists its stories from its own rows of article_sections, by the
/// date copied there (decision 180): the copy follows every change of the story's date, sections and
/// status, on both databases, and the page shows it at the next request.
/// </summary>
public abstract class SectionListingTests<TProvider>(TProvider provider) : NewsroomTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    private static readonly string[] Titles = ["Oldest", "Middle", "Newest", "Elsewhere", "Embargoed", "Drafted"];

    [Fact]
    public async Task ASectionsPageFollowsItsStoriesDatesSectionsAndStatus()
    {
        var run = "s" + Guid.NewGuid().ToString("N")[..8];
        var desk = $"/section/desk-{run}/";
        var editor = await MemberAsync(NewsroomRole.Editor);
        var oldest = await PublishAsync(Story($"Oldest {run}", Now.AddHours(-3), [$"Desk {run}"]));
        var middle = await PublishAsync(Story($"Middle {run}", Now.AddHours(-2), [$"Desk {run}"]));
        var newest = await PublishAsync(Story($"Newest {run}", Now.AddHours(-1), [$"Desk {run}"]));
        await PublishAsync(Story($"Elsewhere {run}", Now.AddMinutes(-10), [$"Other {run}"]));
        await PublishAsync(Story($"Embargoed {run}", Now.AddDays(1), [$"Desk {run}"]));
        var drafted = await DraftAsync(editor, Input($"Drafted {run}", sections: [$"Desk {run}"]));

        Assert.Equal([$"Newest {run}", $"Middle {run}", $"Oldest {run}"], await ListedAsync(desk, run));
        Assert.Equal([$"Middle {run}", $"Oldest {run}"], await ListedAsync($"{desk}?before={newest.Id}", run));

        await SaveAsync(editor, oldest.Id, input => input with { PublishedAt = Now.AddMinutes(-30) });
        Assert.Equal([$"Oldest {run}", $"Newest {run}", $"Middle {run}"], await ListedAsync(desk, run));

        await SaveAsync(editor, middle.Id, input => input with { Sections = [$"Other {run}"] });
        Assert.Equal([$"Oldest {run}", $"Newest {run}"], await ListedAsync(desk, run));
        Assert.Equal([$"Elsewhere {run}", $"Middle {run}"], await ListedAsync($"/section/other-{run}/", run));

        var opened = (await Editor.OpenAsync(editor, newest.Id)).Article!;
        Assert.Equal(EditOutcome.Done, (await Editor.UnpublishAsync(editor, newest.Id, opened.Article.Version)).Outcome);
        Assert.Equal([$"Oldest {run}"], await ListedAsync(desk, run));

        // Published as it stands, without its form: the date is set by the action alone.
        Assert.Equal(EditOutcome.Done, (await Editor.PublishAsync(editor, drafted.Article.Id, drafted.Article.Version)).Outcome);
        Assert.Equal([$"Drafted {run}", $"Oldest {run}"], await ListedAsync(desk, run));

        Factory.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await Factory.Services.GetRequiredService<ScheduledPublishing>().PublishDueAsync(CancellationToken.None);
        Assert.Equal([$"Embargoed {run}", $"Drafted {run}", $"Oldest {run}"], await ListedAsync(desk, run));
    }

    private async Task SaveAsync(NewsroomUser editor, long id, Func<ArticleInput, ArticleInput> change)
    {
        var opened = (await Editor.OpenAsync(editor, id)).Article!;
        var saved = await Editor.SaveAsync(editor, id, opened.Article.Version, change(ArticleInput.Of(opened)));
        Assert.Equal(EditOutcome.Done, saved.Outcome);
    }

    /// <summary>This run's story titles on the page, in the page's order.</summary>
    private async Task<List<string>> ListedAsync(string path, string run)
    {
        var (_, html, _) = await GetAsync(path);
        return [.. Titles
            .Select(title => (Title: $"{title} {run}", At: html.IndexOf($">{title} {run}<", StringComparison.Ordinal)))
            .Where(found => found.At >= 0)
            .OrderBy(found => found.At)
            .Select(found => found.Title)];
    }
}

public sealed class SectionListingTestsOnSqlite(SqliteProvider provider) : SectionListingTests<SqliteProvider>(provider);

public sealed class SectionListingTestsOnPostgres(PostgresProvider provider) : SectionListingTests<PostgresProvider>(provider);
