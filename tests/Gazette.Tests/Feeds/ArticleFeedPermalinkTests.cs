using System.Net;
using Gazette.Articles.Contracts;
using Gazette.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Feeds;

/// <summary>An article's comment feed is found beneath its URL whatever the permalink pattern; beneath anything else it is a 404.</summary>
public abstract class ArticleFeedPermalinkTests<TProvider>(TProvider provider, string pattern) : CommentTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    protected override void Configure(Dictionary<string, string?> settings) => settings["Gazette:Site:Permalinks"] = pattern;

    [Fact]
    public async Task TheCommentFeedLivesBeneathTheArticleUrl()
    {
        var run = "p" + Guid.NewGuid().ToString("N")[..8];
        var article = await PublishAsync(Story($"Patterned {run}", Factory.Clock.GetUtcNow().AddMinutes(-1)));
        var page = await PublishAsync(Story($"Page {run}", Factory.Clock.GetUtcNow().AddMinutes(-1)) with { Kind = "page" });
        using (var posted = await PostCommentAsync(Fields($"Said {run}", article: article.Id)))
        {
            await Moderator.SetStatusAsync(CommentIdOf(posted), Gazette.Comments.Contracts.CommentStatus.Approved, Gazette.Events.AuditActor.CommandLine);
        }
        var articles = Factory.Services.GetRequiredService<IPublicArticles>();
        var path = (await articles.FindAsync(article.Id, CancellationToken.None))!.Path;
        var pagePath = (await articles.FindAsync(page.Id, CancellationToken.None))!.Path;

        var (status, rss, response) = await GetAsync(path + "feed/");
        var (jsonStatus, json, _) = await GetAsync(path + "feed.json");

        Assert.StartsWith(PathPrefix, path, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/rss+xml; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Contains($"Said {run}", FeedShapes.Rss(rss).Items.Single().Summary.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, jsonStatus);
        Assert.Equal($"Comments on Patterned {run}", FeedShapes.Json(json).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(pagePath + "feed/")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync($"{PathPrefix}no-such-{run}/feed/")).Status);
    }

    /// <summary>Where the pattern puts every article's URL.</summary>
    protected abstract string PathPrefix { get; }
}

public sealed class ArticleFeedUnderDatedPatternOnSqlite(SqliteProvider provider) : ArticleFeedPermalinkTests<SqliteProvider>(provider, "/%year%/%monthnum%/%postname%/")
{
    protected override string PathPrefix => "/2026/11/";
}

public sealed class ArticleFeedUnderDatedPatternOnPostgres(PostgresProvider provider) : ArticleFeedPermalinkTests<PostgresProvider>(provider, "/%year%/%monthnum%/%postname%/")
{
    protected override string PathPrefix => "/2026/11/";
}

public sealed class ArticleFeedUnderNamePatternOnSqlite(SqliteProvider provider) : ArticleFeedPermalinkTests<SqliteProvider>(provider, "/news/%postname%/")
{
    protected override string PathPrefix => "/news/";
}

public sealed class ArticleFeedUnderNamePatternOnPostgres(PostgresProvider provider) : ArticleFeedPermalinkTests<PostgresProvider>(provider, "/news/%postname%/")
{
    protected override string PathPrefix => "/news/";
}
