using System.Text.Json;
using Dapper;
using Gazette.Accounts;
using Gazette.Articles;
using Gazette.Tests.Infrastructure;
using Gazette.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Articles;

/// <summary>The running site over one class's database, with members of the newsroom to act as.</summary>
public abstract class NewsroomTestBase<TProvider>(TProvider provider) : SiteTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    protected ArticleEditor Editor => Factory.Services.GetRequiredService<ArticleEditor>();

    protected DateTimeOffset Now => Factory.Clock.GetUtcNow();

    protected async Task<NewsroomUser> MemberAsync(string role, string? name = null)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var id = await new UserStore(Provider.Database, Factory.Clock).CreateAsync(new User
        {
            Login = role + tag,
            DisplayName = name ?? $"{role} {tag}",
            Slug = $"{role}-{tag}",
            Email = $"{role}{tag}@example.org",
            PasswordHash = Passwords.Hash("a password of some length"),
            Role = role,
        });
        return new NewsroomUser(id, name ?? $"{role} {tag}", role);
    }

    protected static ArticleInput Input(string title, string body = "First paragraph.\n\nSecond paragraph.", string[]? sections = null, string[]? tags = null) => new()
    {
        Title = title,
        BodyMarkdown = body,
        Sections = sections ?? [],
        Tags = tags ?? [],
    };

    protected static string Unique(string title) => $"{title} {Guid.NewGuid().ToString("N")[..10]}";

    protected async Task<EditableArticle> DraftAsync(NewsroomUser actor, ArticleInput input)
    {
        var created = await Editor.CreateAsync(actor, input);
        Assert.Equal(EditOutcome.Done, created.Outcome);
        return created.Article!;
    }

    /// <summary>The last event id, to count what comes after it.</summary>
    protected async Task<long> LastEventIdAsync()
    {
        await using var connection = await Provider.Database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("select coalesce(max(id), 0) from events");
    }

    /// <summary>The article ids of the events of one type written after <paramref name="after"/>, in log order.</summary>
    protected async Task<List<long>> EventArticleIdsAsync(string type, long after)
    {
        await using var connection = await Provider.Database.OpenAsync();
        var payloads = await connection.QueryAsync<string>("select payload from events where id > @after and type = @type order by id", new { after, type });
        return payloads.Select(payload => JsonDocument.Parse(payload).RootElement.GetProperty("articleId").GetInt64()).ToList();
    }
}
