using System.Net;
using Dapper;
using Gazette.Comments;
using Gazette.Comments.Contracts;
using Gazette.Storage;
using Gazette.Tests.Infrastructure;
using Gazette.Tests.Web;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Gazette.Tests.Comments;

/// <summary>
/// Comments that share one commit (decision 163). Each batch here is exactly two
/// comments (the first waits for a second as long as a test may take), so every
/// test sends two at once and knows they share a transaction. Readers' comments
/// are approved at once here, so each step also updates the article's count.
/// </summary>
public abstract class SharedCommitTests<TProvider>(TProvider provider) : CommentTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Gazette:CommentCommits:BatchSize"] = "2";
        settings["Gazette:CommentCommits:WaitMilliseconds"] = "60000";
        settings["Gazette:CommentCommits:PostgresWriters"] = "1";
        // Approved at once, so each comment's step also updates the article's comment count.
        settings["Gazette:Discussion:RequirePriorApproval"] = "false";
        settings["Gazette:Discussion:MinFillSeconds"] = "0";
    }

    [Fact]
    public async Task TwoIdenticalCommentsInOneSharedCommitGiveOne303AndOne409()
    {
        var fields = Fields($"Said twice in one batch {Guid.NewGuid():N}");

        var responses = await Task.WhenAll(PostCommentAsync(fields), PostCommentAsync(fields));

        Assert.Equal([HttpStatusCode.SeeOther, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        Assert.Single(await StoredAsync(fields["comment"]));
        Dispose(responses);
    }

    [Fact]
    public async Task TheFloodCheckSeesTheCommentBeforeItInTheSameCommit()
    {
        var email = $"hasty-{Guid.NewGuid():N}@example.org";
        var first = Fields($"First thought {Guid.NewGuid():N}", email);
        var second = Fields($"Second thought {Guid.NewGuid():N}", email);

        var responses = await Task.WhenAll(PostCommentAsync(first), PostCommentAsync(second));

        Assert.Equal([HttpStatusCode.SeeOther, HttpStatusCode.TooManyRequests], responses.Select(r => r.StatusCode).Order());
        Assert.Single((await StoredAsync(first["comment"])).Concat(await StoredAsync(second["comment"])));
        Dispose(responses);
    }

    [Fact]
    public async Task AReaderWhoLeavesDoesNotBreakTheBatch()
    {
        var commits = Factory.Services.GetRequiredService<CommentCommits>();
        var leftText = $"Sent, then the tab closed {Guid.NewGuid():N}";
        using var gone = new CancellationTokenSource();
        var left = commits.SubmitAsync(new NewComment
        {
            ArticleId = SampleId,
            AuthorName = "Leaving Reader",
            AuthorEmail = $"leaving-{Guid.NewGuid():N}@example.org",
            BodySource = leftText,
            BodyHtml = "<p>" + leftText + "</p>",
        }, 15, _ => new ModerationDecision(CommentStatus.Pending, null), gone.Token);
        await gone.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => left);

        var stayed = Fields($"Still here {Guid.NewGuid():N}");
        using var response = await PostCommentAsync(stayed);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Single(await StoredAsync(stayed["comment"]));
        Assert.Single(await StoredAsync(leftText));
    }

    [Fact]
    public async Task ACommentRefusedByTheDatabaseForItsOwnReasonFailsAloneInItsSharedCommit()
    {
        var commits = Factory.Services.GetRequiredService<CommentCommits>();
        var brokenText = $"Breaks the status rule {Guid.NewGuid():N}";
        var broken = commits.SubmitAsync(new NewComment
        {
            ArticleId = SampleId,
            AuthorName = "Broken Rule",
            AuthorEmail = $"broken-{Guid.NewGuid():N}@example.org",
            BodySource = brokenText,
            BodyHtml = "<p>" + brokenText + "</p>",
        }, 0, _ => new ModerationDecision("no-such-status", null));
        var fine = Fields($"Stored beside a broken one {Guid.NewGuid():N}");

        using var response = await PostCommentAsync(fine);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.False(StorageFailure.Is(await Assert.ThrowsAnyAsync<Exception>(() => broken)));
        Assert.Single(await StoredAsync(fine["comment"]));
        Assert.Empty(await StoredAsync(brokenText));
    }

    [Fact]
    public async Task AFailedSharedCommitAnswers503ToEveryCommentInItAndStoresNone()
    {
        await GetAsync(Article);
        var texts = new[] { $"Lost with the batch {Guid.NewGuid():N}", $"Also lost with the batch {Guid.NewGuid():N}" };

        var responses = await WhileTheSharedCommitFailsAsync(() => Task.WhenAll(texts.Select(text => PostCommentAsync(Fields(text)))));

        for (var i = 0; i < texts.Length; i++)
        {
            await StorageFailureAssertions.AssertNotSavedWithTheCommentKeptAsync(responses[i], texts[i]);
            Assert.Empty(await StoredAsync(texts[i]));
        }
        Dispose(responses);
        await Wait.UntilAsync(async () =>
        {
            var again = await Task.WhenAll(texts.Select(text => PostCommentAsync(Fields(text))));
            Dispose(again);
            return again.All(r => r.StatusCode == HttpStatusCode.SeeOther);
        });
    }

    /// <summary>Runs <paramref name="post"/> while the storage makes the batch's transaction fail for real.</summary>
    protected abstract Task<T> WhileTheSharedCommitFailsAsync<T>(Func<Task<T>> post);

    private async Task<IReadOnlyList<QueuedComment>> StoredAsync(string text) =>
        [.. (await Comments.ListQueueAsync(null, 100_000)).Where(comment => comment.BodySource == text)];

    private static void Dispose(IEnumerable<HttpResponseMessage> responses)
    {
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }
}

public sealed class SharedCommitTestsOnSqlite(SqliteProvider provider) : SharedCommitTests<SqliteProvider>(provider)
{
    /// <summary>Another connection holds SQLite's write lock past the busy timeout: the batch cannot write.</summary>
    protected override async Task<T> WhileTheSharedCommitFailsAsync<T>(Func<Task<T>> post)
    {
        await using var holder = new SqliteConnection($"Data Source={((SqliteUrl)DatabaseUrl.Parse(Provider.Setting)).Path}");
        await holder.OpenAsync();
        await using var hold = await holder.BeginTransactionAsync();
        return await post();
    }
}

public sealed class SharedCommitTestsOnPostgres(PostgresProvider provider) : SharedCommitTests<PostgresProvider>(provider)
{
    /// <summary>
    /// The batch stores its first comment, then waits for the article's row
    /// (the comment count; its key stays free for the foreign key) that another
    /// transaction holds; then the server ends
    /// the batch's session, as a failover or an administrator would.
    /// </summary>
    protected override async Task<T> WhileTheSharedCommitFailsAsync<T>(Func<Task<T>> post)
    {
        var database = new Uri(Provider.Setting).AbsolutePath.Trim('/');
        await using var holder = new NpgsqlConnection(((PostgresUrl)DatabaseUrl.Parse(Provider.Setting)).ConnectionString);
        await holder.OpenAsync();
        await using var hold = await holder.BeginTransactionAsync();
        await holder.ExecuteAsync("select id from articles where id = @SampleId for no key update", new { SampleId }, hold);
        var posting = post();
        await using var admin = new NpgsqlConnection(PostgresUrl.FromUri(PostgresServer.AdminUrl).ConnectionString);
        await admin.OpenAsync();
        await Wait.UntilAsync(async () => await admin.ExecuteScalarAsync<int>(
            """
            select count(pg_terminate_backend(pid)) from pg_stat_activity
            where datname = @database and wait_event_type = 'Lock' and query like '%comment_count%'
            """, new { database }) > 0);
        return await posting;
    }
}
