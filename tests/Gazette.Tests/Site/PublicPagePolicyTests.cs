using Gazette.Caching;
using Gazette.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Site;

public sealed class PublicPagePolicyTests(SqliteProvider provider) : SiteTestBase<SqliteProvider>(provider)
{
    private PublicPagePolicy Policy => field ??= new(Factory.Services.GetRequiredService<PageCache>(), Factory.Services.GetRequiredService<PageCacheMetrics>(), ["before"], ["unapproved"], PublicPagePolicy.Lifetime, Gazette.Web.SignIn.HasSessionCookie);

    [Fact]
    public async Task APageRenderedWhileSomethingWasEvictedIsNotStored()
    {
        var context = Context("/");
        await Policy.CacheRequestAsync(context, CancellationToken.None);

        await Factory.Services.GetRequiredService<PageCache>().EvictAsync([CacheTags.Site]);
        await Policy.ServeResponseAsync(context, CancellationToken.None);

        Assert.False(context.AllowCacheStorage);
    }

    [Fact]
    public async Task AQuietRenderIsStoredAndPersonalViewsAreNot()
    {
        var quiet = Context("/");
        var personal = Context("/", "?unapproved=3");

        await Policy.CacheRequestAsync(quiet, CancellationToken.None);
        await Policy.ServeResponseAsync(quiet, CancellationToken.None);
        await Policy.CacheRequestAsync(personal, CancellationToken.None);

        Assert.True(quiet.AllowCacheStorage);
        Assert.False(personal.AllowCacheLookup);
        Assert.False(personal.AllowCacheStorage);
    }

    private OutputCacheContext Context(string path, string query = "")
    {
        var http = new DefaultHttpContext { RequestServices = Factory.Services };
        http.Request.Method = HttpMethods.Get;
        http.Request.Path = path;
        http.Request.QueryString = new QueryString(query.Length > 0 ? query : null);
        http.Response.StatusCode = StatusCodes.Status200OK;
        return new OutputCacheContext { HttpContext = http };
    }
}
