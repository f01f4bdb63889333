using Gazette.Articles;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Infrastructure;

/// <summary>
/// A test of the running site over one class's database: a fresh host per test
/// (the database, with whatever earlier tests of the class published, is shared),
/// a client that does not follow redirects, and a way to publish articles.
/// </summary>
public abstract class SiteTestBase<TProvider>(TProvider provider) : IClassFixture<TProvider>, IAsyncLifetime
    where TProvider : DatabaseProvider
{
    protected TProvider Provider => provider;

    protected GazetteFactory Factory { get; private set; } = null!;

    protected HttpClient Client { get; private set; } = null!;

    public virtual Task InitializeAsync()
    {
        Factory = new GazetteFactory(provider);
        Configure(Factory.Settings);
        Factory.ExtraServices.Add(ConfigureServices);
        Client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }

    protected virtual void Configure(Dictionary<string, string?> settings)
    {
    }

    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    protected Task<Article> PublishAsync(ArticleDraft draft) =>
        Factory.Services.GetRequiredService<ArticlePublisher>().CreateAsync(draft);

    protected static ArticleDraft Story(string title, DateTimeOffset? publishedAt = null, string[]? sections = null, string[]? tags = null) => new()
    {
        Title = title,
        BodyMarkdown = $"First paragraph of {title}.\n\nSecond paragraph.",
        PublishedAt = publishedAt,
        Sections = sections ?? [],
        Tags = tags ?? [],
        Bylines = ["Test Reporter"],
    };

    protected async Task<(System.Net.HttpStatusCode Status, string Html, HttpResponseMessage Response)> GetAsync(string path)
    {
        var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }
}
