using Gazette.Articles;
using Gazette.Articles.Contracts;
using Gazette.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Articles;

/// <summary>The contract feeds, sitemaps and search read articles through: only what the public may see, complete, on both databases.</summary>
public abstract class PublicArticleCatalogTests<TProvider>(TProvider provider) : SiteTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    private IPublicArticles Catalog => Factory.Services.GetRequiredService<IPublicArticles>();

    private static string Run() => Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task AnArticleComesWithItsPathSectionsTagsAndBylines()
    {
        var run = Run();
        var stored = await PublishAsync(Story($"Catalogued {run}", Factory.Clock.GetUtcNow().AddHours(-1), [$"Desk {run}", $"Second {run}"], [$"Zeta {run}", $"Alpha {run}"]));

        var article = await Catalog.FindAsync(stored.Id, CancellationToken.None);

        Assert.NotNull(article);
        Assert.Equal(TestLinks.Article(stored.PublishedAt!.Value, stored.Slug), article.Path);
        Assert.Equal([$"desk-{run}", $"second-{run}"], article.Sections.Select(section => section.Slug));
        Assert.Equal($"/section/desk-{run}/", article.Sections[0].Path);
        Assert.Equal([$"Alpha {run}", $"Zeta {run}"], article.Tags.Select(tag => tag.Name));
        Assert.Equal([new PublicByline("Test Reporter", null)], article.Bylines);
        Assert.Contains($"First paragraph of Catalogued {run}.", article.BodyHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NothingHiddenOrDatedLaterIsFoundListedOrLocated()
    {
        var run = Run();
        var draft = await PublishAsync(Story($"Draft {run}", sections: [$"Desk {run}"]) with { Status = ArticleStatus.Draft });
        var later = await PublishAsync(Story($"Later {run}", Factory.Clock.GetUtcNow().AddDays(1), [$"Desk {run}"]));
        var seen = await PublishAsync(Story($"Seen {run}", Factory.Clock.GetUtcNow().AddMinutes(-5), [$"Desk {run}"]));
        var section = await Catalog.FindSectionAsync($"desk-{run}", CancellationToken.None);

        Assert.Null(await Catalog.FindAsync(draft.Id, CancellationToken.None));
        Assert.Null(await Catalog.FindAsync(later.Id, CancellationToken.None));
        Assert.Equal([seen.Id], (await Catalog.FindManyAsync([draft.Id, later.Id, seen.Id], CancellationToken.None)).Select(article => article.Id));
        Assert.Equal([seen.Id], (await Catalog.LatestAsync(new PublicArticleFilter(10, SectionId: section!.Id), CancellationToken.None)).Select(article => article.Id));
        var located = new List<long>();
        await foreach (var location in Catalog.LocationsAsync("article", draft.Id - 1, 100, CancellationToken.None))
        {
            located.Add(location.Id);
        }
        Assert.Equal([seen.Id], located);
    }

    [Fact]
    public async Task LatestIsNewestFirstWithinATagOrAMembersBylines()
    {
        var run = Run();
        var member = (await Factory.Services.GetRequiredService<IBylineMembers>().EnsureAsync([$"Writer {run}"], CancellationToken.None))[$"Writer {run}"];
        var now = Factory.Clock.GetUtcNow();
        var older = await PublishAsync(Story($"Older {run}", now.AddHours(-3), tags: [$"Topic {run}"]) with { Bylines = [$"Writer {run}"], BylineMembers = new Dictionary<string, long> { [$"Writer {run}"] = member } });
        var newer = await PublishAsync(Story($"Newer {run}", now.AddHours(-2), tags: [$"Topic {run}"]) with { Bylines = [$"Writer {run}"], BylineMembers = new Dictionary<string, long> { [$"Writer {run}"] = member } });
        await PublishAsync(Story($"Elsewhere {run}", now.AddHours(-1)));
        var tag = await Catalog.FindTagAsync($"topic-{run}", CancellationToken.None);
        var author = await Factory.Services.GetRequiredService<IAuthorDirectory>().FindBySlugAsync($"writer-{run}", CancellationToken.None);

        Assert.Equal([newer.Id, older.Id], (await Catalog.LatestAsync(new PublicArticleFilter(10, TagId: tag!.Id), CancellationToken.None)).Select(article => article.Id));
        Assert.Equal([newer.Id, older.Id], (await Catalog.LatestAsync(new PublicArticleFilter(10, AuthorId: author!.Id), CancellationToken.None)).Select(article => article.Id));
        Assert.Equal([newer.Id], (await Catalog.LatestAsync(new PublicArticleFilter(1, AuthorId: member), CancellationToken.None)).Select(article => article.Id));
        Assert.Equal($"/author/writer-{run}/", author.Path);
        Assert.Equal(member, (await Catalog.FindAsync(newer.Id, CancellationToken.None))!.Bylines.Single().UserId);
    }

    [Fact]
    public async Task APageIsLocatedAtItsPathUnderItsParent()
    {
        var run = Run();
        var parent = await PublishAsync(Story($"About {run}", Factory.Clock.GetUtcNow().AddHours(-1)) with { Kind = ArticleKind.Page });
        var child = await PublishAsync(Story($"Masthead {run}", Factory.Clock.GetUtcNow().AddHours(-1)) with { Kind = ArticleKind.Page, ParentId = parent.Id });

        var locations = new List<PublicLocation>();
        await foreach (var location in Catalog.LocationsAsync("page", parent.Id - 1, 100, CancellationToken.None))
        {
            locations.Add(location);
        }

        Assert.Equal([$"/about-{run}/", $"/about-{run}/masthead-{run}/"], locations.Select(location => location.Path));
        Assert.Equal($"/about-{run}/masthead-{run}/", (await Catalog.FindAsync(child.Id, CancellationToken.None))!.Path);
    }
}

public sealed class PublicArticleCatalogTestsOnSqlite(SqliteProvider provider) : PublicArticleCatalogTests<SqliteProvider>(provider);

public sealed class PublicArticleCatalogTestsOnPostgres(PostgresProvider provider) : PublicArticleCatalogTests<PostgresProvider>(provider);
