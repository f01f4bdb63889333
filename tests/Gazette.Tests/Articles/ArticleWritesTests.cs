using Dapper;
using Gazette.Articles;
using Gazette.Articles.Contracts;
using Gazette.Tests.Infrastructure;
using Gazette.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Articles;

/// <summary>IArticleWrites on both databases: the newsroom's editor behind a contract that names terms by id and status by name.</summary>
public abstract class ArticleWritesTests<TProvider>(TProvider provider) : NewsroomTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    private IArticleWrites Writes => Factory.Services.GetRequiredService<IArticleWrites>();

    private async Task<(long Section, long Tag)> TermsAsync()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var editor = await MemberAsync(NewsroomRole.Editor);
        var filed = await DraftAsync(editor, Input(Unique("Terms"), sections: [$"Desk {run}"], tags: [$"Topic {run}"]));
        await using var connection = await Provider.Database.OpenAsync();
        return (await connection.ExecuteScalarAsync<long>("select section_id from article_sections where article_id = @Id", new { filed.Article.Id }),
            await connection.ExecuteScalarAsync<long>("select tag_id from article_tags where article_id = @Id", new { filed.Article.Id }));
    }

    private async Task<int> CountAsync(string title)
    {
        await using var connection = await Provider.Database.OpenAsync();
        return await connection.ExecuteScalarAsync<int>("select count(*) from articles where title = @title", new { title });
    }

    [Fact]
    public async Task AnAuthorCreatesAPublishedArticleWithTermsByIdInOneGo()
    {
        var author = await MemberAsync(NewsroomRole.Author);
        var (section, tag) = await TermsAsync();
        var title = Unique("Written");
        var before = await LastEventIdAsync();

        var result = await Writes.CreateAsync(author, new ArticleWrite
        {
            Title = title,
            Body = "Hello <script>alert(1)</script>**there**.",
            Status = WrittenStatus.Published,
            SectionIds = [section],
            TagIds = [tag],
        });

        Assert.Equal(WriteOutcome.Done, result.Outcome);
        var article = result.Article!;
        Assert.Equal(WrittenStatus.Published, article.Status);
        Assert.Equal([section], article.SectionIds);
        Assert.Equal([tag], article.TagIds);
        Assert.Equal(author.Id, article.OwnerId);
        Assert.DoesNotContain("<script", article.BodyHtml, StringComparison.Ordinal);
        Assert.Contains("<strong>there</strong>", article.BodyHtml, StringComparison.Ordinal);
        Assert.NotNull(article.Path);
        Assert.Equal(2, article.Version);
        Assert.Equal([article.Id], await EventArticleIdsAsync("article.published", before));
        Assert.NotNull(await Factory.Services.GetRequiredService<IPublicArticles>().FindAsync(article.Id, CancellationToken.None));
    }

    [Fact]
    public async Task AContributorCannotPublishAndNothingIsWritten()
    {
        var contributor = await MemberAsync(NewsroomRole.Contributor);
        var title = Unique("Refused");

        var published = await Writes.CreateAsync(contributor, new ArticleWrite { Title = title, Body = "Text.", Status = WrittenStatus.Published });
        Assert.Equal(WriteOutcome.Forbidden, published.Outcome);
        Assert.Equal(0, await CountAsync(title));

        var pending = await Writes.CreateAsync(contributor, new ArticleWrite { Title = title, Body = "Text.", Status = WrittenStatus.Pending });
        Assert.Equal(WriteOutcome.Done, pending.Outcome);
        Assert.Equal(WrittenStatus.Pending, pending.Article!.Status);
    }

    [Fact]
    public async Task BadInputIsRefusedByFieldAndChangesNothing()
    {
        var editor = await MemberAsync(NewsroomRole.Editor);
        var title = Unique("Bad");

        var unknownTerm = await Writes.CreateAsync(editor, new ArticleWrite { Title = title, SectionIds = [987654321] });
        Assert.Equal(WriteOutcome.Invalid, unknownTerm.Outcome);
        Assert.Contains(ArticleWriteFields.SectionIds, unknownTerm.Errors.Keys);

        var noTitle = await Writes.CreateAsync(editor, new ArticleWrite { Body = "Text.", Status = WrittenStatus.Published });
        Assert.Equal(WriteOutcome.Invalid, noTitle.Outcome);
        Assert.Contains(ArticleWriteFields.Title, noTitle.Errors.Keys);

        var scheduledWithoutTime = await Writes.CreateAsync(editor, new ArticleWrite { Title = title, Status = WrittenStatus.Scheduled });
        Assert.Equal(WriteOutcome.Invalid, scheduledWithoutTime.Outcome);
        Assert.Contains(ArticleWriteFields.PublishedAt, scheduledWithoutTime.Errors.Keys);
        Assert.Equal(0, await CountAsync(title));
    }

    [Fact]
    public async Task AnUpdateChangesOnlyWhatItNamesAndFollowsTheStatus()
    {
        var author = await MemberAsync(NewsroomRole.Author);
        var (section, _) = await TermsAsync();
        var created = (await Writes.CreateAsync(author, new ArticleWrite { Title = Unique("Kept"), Body = "Body kept.", SectionIds = [section] })).Article!;

        var titled = await Writes.UpdateAsync(author, created.Id, new ArticleWrite { Title = "A new title" });
        Assert.Equal(WriteOutcome.Done, titled.Outcome);
        Assert.Equal("A new title", titled.Article!.Title);
        Assert.Equal("Body kept.", titled.Article.Body);
        Assert.Equal([section], titled.Article.SectionIds);
        Assert.Equal(WrittenStatus.Draft, titled.Article.Status);

        var at = Now.AddDays(2);
        var scheduled = await Writes.UpdateAsync(author, created.Id, new ArticleWrite { Status = WrittenStatus.Scheduled, PublishedAt = at });
        Assert.Equal(WrittenStatus.Scheduled, scheduled.Article!.Status);
        Assert.Equal(at, scheduled.Article.PublishedAt);

        var published = await Writes.UpdateAsync(author, created.Id, new ArticleWrite { Status = WrittenStatus.Published });
        Assert.Equal(WrittenStatus.Published, published.Article!.Status);

        var drafted = await Writes.UpdateAsync(author, created.Id, new ArticleWrite { Status = WrittenStatus.Draft, Summary = "Back to the desk." });
        Assert.Equal(WrittenStatus.Draft, drafted.Article!.Status);
        Assert.Equal("Back to the desk.", drafted.Article.Summary);
    }

    [Fact]
    public async Task RightsAreTheNewsroomsAndTheTrashIsTheEnd()
    {
        var author = await MemberAsync(NewsroomRole.Author);
        var other = await MemberAsync(NewsroomRole.Author);
        var editor = await MemberAsync(NewsroomRole.Editor);
        var created = (await Writes.CreateAsync(author, new ArticleWrite { Title = Unique("Owned"), Body = "Text." })).Article!;

        Assert.Equal(WriteOutcome.Forbidden, (await Writes.UpdateAsync(other, created.Id, new ArticleWrite { Title = "Not mine" })).Outcome);
        Assert.Equal(WriteOutcome.Forbidden, (await Writes.TrashAsync(other, created.Id)).Outcome);
        Assert.Equal(WriteOutcome.Done, (await Writes.UpdateAsync(editor, created.Id, new ArticleWrite { Title = "An editor's title" })).Outcome);
        Assert.Equal(WriteOutcome.NotFound, (await Writes.UpdateAsync(editor, 987654321, new ArticleWrite { Title = "Nothing" })).Outcome);
        Assert.Equal(WriteOutcome.Forbidden, (await Writes.CreateAsync(author, new ArticleWrite { IsPage = true, Title = Unique("Page") })).Outcome);

        var trashed = await Writes.TrashAsync(author, created.Id);
        Assert.Equal(WrittenStatus.Trash, trashed.Article!.Status);
        var again = await Writes.UpdateAsync(author, created.Id, new ArticleWrite { Title = "In the trash" });
        Assert.Equal(WriteOutcome.Invalid, again.Outcome);
        Assert.Contains(ArticleWriteFields.Status, again.Errors.Keys);
    }
}

public sealed class ArticleWritesTestsOnSqlite(SqliteProvider provider) : ArticleWritesTests<SqliteProvider>(provider);

public sealed class ArticleWritesTestsOnPostgres(PostgresProvider provider) : ArticleWritesTests<PostgresProvider>(provider);
