using System.Net;
using Gazette.Articles;
using Gazette.Articles.Contracts;
using Gazette.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Articles;

/// <summary>/author/{slug}/: a member's public name and everything their bylines are on, newest first, on both databases.</summary>
public abstract class AuthorArchiveTests<TProvider>(TProvider provider) : SiteTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    private static string Run() => Guid.NewGuid().ToString("N")[..8];

    private async Task<long> MemberAsync(string name) =>
        (await Factory.Services.GetRequiredService<IBylineMembers>().EnsureAsync([name], CancellationToken.None))[name];

    private static ArticleDraft By(ArticleDraft draft, string name, long member) =>
        draft with { Bylines = [name], BylineMembers = new Dictionary<string, long> { [name] = member } };

    [Fact]
    public async Task TheAuthorPageListsTheMembersArticlesUnderTheirPublicName()
    {
        var run = Run();
        var member = await MemberAsync($"Writer {run}");
        var now = Factory.Clock.GetUtcNow();
        await PublishAsync(By(Story($"Older piece {run}", now.AddHours(-3)), $"Writer {run}", member));
        await PublishAsync(By(Story($"Newer piece {run}", now.AddHours(-2)), $"Writer {run}", member));
        await PublishAsync(Story($"Someone else's {run}", now.AddHours(-1)));

        var (status, html, _) = await GetAsync($"/author/writer-{run}/");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"<h1 id=\"listing-heading\" class=\"listing__heading\">Writer {run}</h1>", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf($"Newer piece {run}", StringComparison.Ordinal) < html.IndexOf($"Older piece {run}", StringComparison.Ordinal));
        Assert.DoesNotContain($"Someone else's {run}", html, StringComparison.Ordinal);
        Assert.Contains($"<link rel=\"canonical\" href=\"http://localhost/author/writer-{run}/\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWrongSpellingIsMovedPermanentlyAndAnUnknownOrSilentMemberIsNotFound()
    {
        var run = Run();
        var member = await MemberAsync($"Writer {run}");
        await MemberAsync($"Silent {run}");
        await PublishAsync(By(Story($"Piece {run}", Factory.Clock.GetUtcNow().AddHours(-1)), $"Writer {run}", member));

        var (status, _, response) = await GetAsync($"/author/Writer-{run}/?x=1");

        Assert.Equal(HttpStatusCode.MovedPermanently, status);
        Assert.Equal($"/author/writer-{run}/?x=1", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync($"/author/nobody-{run}/")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync($"/author/silent-{run}/")).Status);
    }

    [Fact]
    public async Task OlderPagesFollowTheKeyset()
    {
        var run = Run();
        var member = await MemberAsync($"Prolific {run}");
        var now = Factory.Clock.GetUtcNow();
        var pageSize = Factory.Services.GetRequiredService<Gazette.Rendering.PageRenderer>().Site.PageSize;
        var stories = new List<Article>();
        for (var i = 0; i <= pageSize; i++)
        {
            stories.Add(await PublishAsync(By(Story($"Piece {i} {run}", now.AddMinutes(-100 + i)), $"Prolific {run}", member)));
        }

        var first = await Client.GetStringAsync($"/author/prolific-{run}/");
        var older = await Client.GetStringAsync($"/author/prolific-{run}/?before={stories[1].Id}");

        Assert.DoesNotContain($"Piece 0 {run}<", first, StringComparison.Ordinal);
        Assert.Contains($"/author/prolific-{run}/?before={stories[1].Id}", first, StringComparison.Ordinal);
        Assert.Contains($"Piece 0 {run}", older, StringComparison.Ordinal);
    }
}

public sealed class AuthorArchiveTestsOnSqlite(SqliteProvider provider) : AuthorArchiveTests<SqliteProvider>(provider);

public sealed class AuthorArchiveTestsOnPostgres(PostgresProvider provider) : AuthorArchiveTests<PostgresProvider>(provider);
