using Gazette.Articles;
using Gazette.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Gazette.Tests.Storage;

public abstract class ArticleStoreTests<TProvider>(TProvider provider) : IClassFixture<TProvider>
    where TProvider : DatabaseProvider
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));

    private ArticleStore Store => new(provider.Database, _clock);

    private PublicArticleReader Reader => new(provider.Database, TestLinks.Default, _clock);

    [Fact]
    public async Task ArticleRoundTripsEveryField()
    {
        var published = new DateTimeOffset(2024, 4, 22, 8, 30, 15, 123, TimeSpan.FromHours(8)).AddTicks(4560);
        var slug = Unique("China Outlines Five Goals");
        var id = await Store.CreateAsync(new Article
        {
            Slug = slug,
            Title = "China Outlines Five Goals for Antony Blinken’s Visit",
            Summary = "Five goals, one visit.",
            BodyMarkdown = "1. **Establishing the Right Perception**",
            BodyHtml = "<ol><li><strong>Establishing the Right Perception</strong></li></ol>",
            Status = ArticleStatus.Published,
            PublishedAt = published,
            CommentStatus = DiscussionStatus.Closed,
        });

        var stored = await Store.FindAsync(id);

        Assert.NotNull(stored);
        Assert.Equal(ArticleKind.Article, stored.Kind);
        Assert.Equal(slug, stored.Slug);
        Assert.Equal("China Outlines Five Goals for Antony Blinken’s Visit", stored.Title);
        Assert.Equal("Five goals, one visit.", stored.Summary);
        Assert.Equal("<ol><li><strong>Establishing the Right Perception</strong></li></ol>", stored.BodyHtml);
        Assert.Equal(ArticleStatus.Published, stored.Status);
        Assert.Equal(DiscussionStatus.Closed, stored.CommentStatus);
        Assert.Equal(published, stored.PublishedAt);
        Assert.Equal(TimeSpan.Zero, stored.PublishedAt!.Value.Offset);
        Assert.Equal(_clock.GetUtcNow(), stored.CreatedAt);
        Assert.Equal(0, stored.CommentCount);
    }

    [Fact]
    public async Task SlugLookupIsCaseInsensitiveBecauseSlugsAreStoredNormalized()
    {
        var slug = Unique("Mixed Case");
        await Store.CreateAsync(Draft(slug.ToUpperInvariant()) with { Status = ArticleStatus.Published, PublishedAt = _clock.GetUtcNow().AddDays(-1) });

        var found = await Reader.FindPublishedAsync(slug.ToUpperInvariant());

        Assert.NotNull(found);
        Assert.Equal(slug, found.Slug);
    }

    [Fact]
    public async Task SlugIsUniquePerKind()
    {
        var slug = Unique("about");
        await Store.CreateAsync(Draft(slug));
        await Store.CreateAsync(Draft(slug) with { Kind = ArticleKind.Page });

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => Store.CreateAsync(Draft(slug)));
    }

    [Fact]
    public async Task ListingPagesNewestFirstByKeysetAndOmitsDraftsAndFuture()
    {
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await Store.CreateAsync(Draft(Unique($"listed {i}")) with
            {
                Status = ArticleStatus.Published,
                PublishedAt = start.AddHours(i % 3),
            }));
        }
        var draft = await Store.CreateAsync(Draft(Unique("draft")));
        var future = await Store.CreateAsync(Draft(Unique("future")) with { Status = ArticleStatus.Published, PublishedAt = _clock.GetUtcNow().AddDays(1) });

        var listed = new List<long>();
        for (long? before = null; ;)
        {
            var page = await Reader.ListAsync(new ListCardsRequest(3, before));
            listed.AddRange(page.Select(row => row.Id));
            if (page.Count < 3)
            {
                break;
            }
            before = page[^1].Id;
        }

        var expected = ids.Select((id, i) => (id, at: start.AddHours(i % 3)))
            .OrderByDescending(row => row.at).ThenByDescending(row => row.id)
            .Select(row => row.id);
        Assert.Equal(expected, listed.Where(ids.Contains));
        Assert.Equal(listed.Distinct(), listed);
        Assert.DoesNotContain(draft, listed);
        Assert.DoesNotContain(future, listed);
    }

    private static string Unique(string title) => $"{title} {Guid.NewGuid():N}".ToLowerInvariant().Replace(' ', '-');

    private static Article Draft(string slug) => new()
    {
        Slug = slug,
        Title = slug,
        BodyMarkdown = "Body",
        BodyHtml = "<p>Body</p>",
    };
}

public sealed class ArticleStoreTestsOnSqlite(SqliteProvider provider) : ArticleStoreTests<SqliteProvider>(provider);

public sealed class ArticleStoreTestsOnPostgres(PostgresProvider provider) : ArticleStoreTests<PostgresProvider>(provider);
