using System.Net;
using Gazette.Tests.Infrastructure;
using Gazette.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Site;

/// <summary>
/// Only anonymous responses are cached: a signed-in request (session cookie) or
/// one with an Authorization header neither reads nor fills the cache, other
/// cookies change nothing, and nothing cached ever carries Set-Cookie. A test
/// module's public page counts its renders, so a test can see what came from
/// the cache; answers from the cache say so with Age.
/// </summary>
public sealed class AnonymousCachingTests(SqliteProvider provider) : SiteTestBase<SqliteProvider>(provider)
{
    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<GazetteModule, CountingModule>();

    [Fact]
    public async Task AnAnonymousPageIsRenderedOnceAndThenServedFromTheCacheWithAge()
    {
        var first = await SendAsync("/counted/anonymous/");
        var second = await SendAsync("/counted/anonymous/");

        Assert.Equal(first.Body, second.Body);
        Assert.Null(first.Age);
        Assert.NotNull(second.Age);
    }

    [Fact]
    public async Task ASignedInRequestNeitherReadsNorFillsTheCache()
    {
        var cached = await SendAsync("/counted/signed-in/");
        var signedIn = await SendAsync("/counted/signed-in/", request => request.Headers.Add("Cookie", SessionCookie.For(Factory.Services)));
        var afterwards = await SendAsync("/counted/signed-in/");

        Assert.NotEqual(cached.Body, signedIn.Body);
        Assert.Null(signedIn.Age);
        Assert.Equal(cached.Body, afterwards.Body);
    }

    [Fact]
    public async Task ASignedInFirstVisitLeavesNothingForAnonymousReaders()
    {
        var signedIn = await SendAsync("/counted/first-signed-in/", request => request.Headers.Add("Cookie", SessionCookie.For(Factory.Services)));
        var anonymous = await SendAsync("/counted/first-signed-in/");

        Assert.NotEqual(signedIn.Body, anonymous.Body);
        Assert.Null(anonymous.Age);
    }

    [Fact]
    public async Task AnAuthorizationHeaderBypassesTheCacheAndIsAnsweredPrivateAndNoStore()
    {
        var cached = await SendAsync("/counted/authorization/");
        var authorized = await SendAsync("/counted/authorization/", request => request.Headers.Add("Authorization", "Basic YWRtaW46eA=="));
        var afterwards = await SendAsync("/counted/authorization/");

        Assert.NotEqual(cached.Body, authorized.Body);
        Assert.Null(authorized.Age);
        Assert.True(authorized.CacheControl?.NoStore);
        Assert.True(authorized.CacheControl?.Private);
        Assert.Equal(cached.Body, afterwards.Body);
        Assert.False(afterwards.CacheControl?.NoStore ?? false);
    }

    [Fact]
    public async Task OtherCookiesDoNotDefeatTheCache()
    {
        var cached = await SendAsync("/counted/consent/");
        var withCookies = await SendAsync("/counted/consent/", request => request.Headers.Add("Cookie", "consent=yes; _ga=GA1.2.3"));

        Assert.Equal(cached.Body, withCookies.Body);
        Assert.NotNull(withCookies.Age);
    }

    [Fact]
    public async Task AResponseThatSetsACookieIsNeverStored()
    {
        var first = await SendAsync("/counted/sets-cookie/");
        var second = await SendAsync("/counted/sets-cookie/");

        Assert.True(first.SetsCookie);
        Assert.NotEqual(first.Body, second.Body);
        Assert.Null(second.Age);
    }

    [Fact]
    public async Task TheArticlePageIsNotServedFromTheCacheToASignedInEditor()
    {
        const string article = CommentTestBase<SqliteProvider>.Article;
        await SendAsync(article);
        var anonymous = await SendAsync(article);
        var signedIn = await SendAsync(article, request => request.Headers.Add("Cookie", SessionCookie.For(Factory.Services)));

        Assert.NotNull(anonymous.Age);
        Assert.Null(signedIn.Age);
        Assert.Equal(HttpStatusCode.OK, signedIn.Status);
    }

    private async Task<(HttpStatusCode Status, string Body, TimeSpan? Age, bool SetsCookie, System.Net.Http.Headers.CacheControlHeaderValue? CacheControl)> SendAsync(string path, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        configure?.Invoke(request);
        using var response = await Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Age, response.Headers.Contains("Set-Cookie"), response.Headers.CacheControl);
    }

    /// <summary>A public page that says how many times it has been rendered.</summary>
    private sealed class CountingModule : GazetteModule
    {
        private int _renders;

        public override void MapEndpoints(RouteGroups groups)
        {
            groups.Public.MapGet("/counted/{name}/", (string name, HttpContext context) =>
            {
                if (name == "sets-cookie")
                {
                    context.Response.Cookies.Append("tracker", "1");
                }
                return Results.Text($"render {Interlocked.Increment(ref _renders)}");
            });
        }
    }
}
