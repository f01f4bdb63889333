using Dapper;
using Gazette.Accounts;
using Gazette.Articles;
using Gazette.Articles.Contracts;
using Gazette.Comments.Contracts;
using Gazette.Events;
using Gazette.Tests.Infrastructure;
using Gazette.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Articles;

/// <summary>
/// The site's stored totals (decision 165) against a count of the rows, after
/// every change that moves them, on both databases: the API totals read them.
/// </summary>
public abstract class StoredTotalsTests<TProvider>(TProvider provider) : CommentTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    private ArticleEditor Editor => Factory.Services.GetRequiredService<ArticleEditor>();

    private IPublicArticleQueries Queries => Factory.Services.GetRequiredService<IPublicArticleQueries>();

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Gazette:Discussion:FloodSeconds"] = "0";
        settings["Gazette:Discussion:MinFillSeconds"] = "0";
    }

    [Fact]
    public async Task TotalsStayTrueThroughPublishingScheduleUnpublishAndTrash()
    {
        var editor = await EditorAsync();
        await AssertTotalsTrueAsync();

        var story = await PublishAsync(Story($"Counted story {Guid.NewGuid():N}", sections: ["Totals"], tags: ["Counted"]));
        var page = await Editor.CreateAsync(editor, new ArticleInput { Kind = ArticleKind.Page, Title = $"About {Guid.NewGuid():N}", BodyMarkdown = "A page." }, ArticleAction.Publish, null);
        Assert.Equal(EditOutcome.Done, page.Outcome);
        await AssertTotalsTrueAsync();

        var scheduled = await PublishAsync(Story($"Embargoed {Guid.NewGuid():N}", Factory.Clock.GetUtcNow().AddHours(1), sections: ["Totals"]));
        Assert.Equal(ArticleStatus.Scheduled, scheduled.Status);
        await AssertTotalsTrueAsync();
        Factory.Clock.Advance(TimeSpan.FromHours(2));
        // The site's own job runs on the same clock and may publish it first: either way it goes out, once.
        await Factory.Services.GetRequiredService<ScheduledPublishing>().PublishDueAsync(CancellationToken.None);
        await using (var connection = await Provider.Database.OpenAsync())
        {
            Assert.Equal(ArticleStatus.Published, await connection.ExecuteScalarAsync<string>("select status from articles where id = @Id", new { scheduled.Id }));
        }
        await AssertTotalsTrueAsync();

        Assert.True((await Editor.UnpublishAsync(editor, story.Id, story.Version)).Succeeded);
        await AssertTotalsTrueAsync();
        Assert.True((await Editor.TrashAsync(editor, page.Article!.Article.Id, page.Article.Article.Version)).Succeeded);
        await AssertTotalsTrueAsync();
    }

    [Fact]
    public async Task TotalsStayTrueThroughEveryCommentChangeAndAnArticleRemovedWithItsComments()
    {
        var first = await ApprovedCommentAsync("Approved and counted.");
        var second = await ApprovedCommentAsync("Approved, then marked spam.");
        using (var held = await PostCommentAsync(Fields("Held, then trashed.")))
        {
            var third = CommentIdOf(held);
            await Moderator.SetStatusAsync(third, CommentStatus.Trash, AuditActor.CommandLine);
        }
        await AssertTotalsTrueAsync();

        await Moderator.SetStatusAsync(second, CommentStatus.Spam, AuditActor.CommandLine);
        await AssertTotalsTrueAsync();
        await Moderator.SetStatusAsync(first, CommentStatus.Trash, AuditActor.CommandLine);
        await AssertTotalsTrueAsync();
        await Moderator.SetStatusAsync(first, CommentStatus.Approved, AuditActor.CommandLine);
        await Moderator.DeleteAsync(first, AuditActor.CommandLine);
        await AssertTotalsTrueAsync();

        // An import removes a fresh install's sample article, its approved comments with it.
        await ApprovedCommentAsync("On the sample article, removed by an import.");
        await using (var work = await Factory.Services.GetRequiredService<UnitsOfWork>().BeginAsync())
        {
            Assert.True(await Factory.Services.GetRequiredService<IArticleImport>().RemoveFreshInstallAsync(work) > 0);
            await work.CommitAsync();
        }
        await AssertTotalsTrueAsync();
    }

    /// <summary>Every stored total equals a count of the rows it stands for, and the API totals say the same.</summary>
    private async Task AssertTotalsTrueAsync()
    {
        await using var connection = await Provider.Database.OpenAsync();
        foreach (var kind in new[] { ArticleKind.Article, ArticleKind.Page })
        {
            var counted = await connection.ExecuteScalarAsync<int>("select count(*) from articles where kind = @kind and status = 'published'", new { kind });
            Assert.Equal(counted, await connection.ExecuteScalarAsync<int>("select published from article_totals where kind = @kind", new { kind }));
            Assert.Equal(counted, (await Queries.ArticlesAsync(new PublicArticleQuery(kind, 1, 1), CancellationToken.None)).Total);
        }
        foreach (var section in await connection.QueryAsync<long>("select id from sections"))
        {
            var counted = await connection.ExecuteScalarAsync<int>(
                "select count(*) from article_sections x join articles a on a.id = x.article_id where x.section_id = @section and a.kind = 'article' and a.status = 'published'", new { section });
            Assert.Equal(counted, (await Queries.ArticlesAsync(new PublicArticleQuery(ArticleKind.Article, 1, 1) { SectionIds = [section] }, CancellationToken.None)).Total);
        }
        var approved = await connection.ExecuteScalarAsync<int>("select count(*) from comments where status = 'approved'");
        Assert.Equal(approved, await connection.ExecuteScalarAsync<int>("select coalesce(sum(approved), 0) from comment_totals"));
        var shown = await connection.ExecuteScalarAsync<int>(
            "select count(*) from comments c join articles a on a.id = c.article_id where c.status = 'approved' and a.status = 'published' and a.published_at <= @now",
            new { now = Factory.Clock.GetUtcNow() });
        Assert.Equal(shown, await Queries.PublicCommentTotalAsync(CancellationToken.None));
        var query = new PublicCommentQuery(1, 1) { HiddenArticleIds = await Queries.HiddenDiscussedIdsAsync(CancellationToken.None) };
        Assert.Equal(shown, (await Factory.Services.GetRequiredService<IPublicComments>().QueryAsync(query, CancellationToken.None)).Total);
    }

    private async Task<NewsroomUser> EditorAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var id = await new UserStore(Provider.Database, Factory.Clock).CreateAsync(new User
        {
            Login = "editor" + tag,
            DisplayName = $"Editor {tag}",
            Slug = $"editor-{tag}",
            Email = $"editor{tag}@example.org",
            PasswordHash = Passwords.Hash("a password of some length"),
            Role = NewsroomRole.Editor,
        });
        return new NewsroomUser(id, $"Editor {tag}", NewsroomRole.Editor);
    }
}

public sealed class StoredTotalsTestsOnSqlite(SqliteProvider provider) : StoredTotalsTests<SqliteProvider>(provider);

public sealed class StoredTotalsTestsOnPostgres(PostgresProvider provider) : StoredTotalsTests<PostgresProvider>(provider);
