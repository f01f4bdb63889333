using System.Text;
using Gazette.Caching;
using Gazette.Rendering;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace Gazette.Tests.Caching;

public sealed class PageStoreTests
{
    private static readonly PublicPagePolicy Policy = new(["before"], ["unapproved"], PublicPagePolicy.Lifetime, request => request.Headers.Cookie.Count > 0);

    [Fact]
    public void APageWhoseRenderingAnEvictionOvertookIsNotStored()
    {
        var store = Store();

        Assert.False(store.TryAdd(Page(store, "/", "site"), () => false));
        Assert.False(store.TryGet("/", Milliseconds(), out _));
    }

    [Fact]
    public void EvictingATagRemovesExactlyThePagesCarryingIt()
    {
        var store = Store();
        store.TryAdd(Page(store, "/a/", "article:1"), () => true);
        store.TryAdd(Page(store, "/b/", "article:2"), () => true);

        store.EvictByTag("article:1");

        Assert.False(store.TryGet("/a/", Milliseconds(), out _));
        Assert.True(store.TryGet("/b/", Milliseconds(), out _));
        Assert.Equal(1, store.Count);
    }

    [Fact]
    public void PastItsLimitTheStoreDropsTheLeastRecentlyUsedPages()
    {
        var store = Store(limitMegabytes: 1);
        var now = Milliseconds();
        for (var i = 0; i < 4; i++)
        {
            store.TryAdd(Page(store, $"/{i}/", "site", bytes: 300_000, storedAt: now + i), () => true);
            if (i == 1)
            {
                Assert.True(store.TryGet("/0/", now + 2, out _));
            }
        }

        Assert.True(store.Size <= store.Limit);
        Assert.True(store.TryGet("/0/", now + 5, out _), "the page read recently stays");
        Assert.False(store.TryGet("/1/", now + 5, out _), "the page nobody read since it was stored goes first");
        Assert.True(store.TryGet("/3/", now + 5, out _));
    }

    [Fact]
    public void AnExpiredPageIsNotServedAndLeavesTheStore()
    {
        var store = Store();
        var now = Milliseconds();
        store.TryAdd(Page(store, "/", "site", storedAt: now, lifetime: TimeSpan.FromSeconds(1)), () => true);

        Assert.True(store.TryGet("/", now + 999, out _));
        Assert.False(store.TryGet("/", now + 1000, out _));
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public void APageCountsItsHeadersAndTagsBesideItsBody()
    {
        var store = Store();
        var bare = Page(store, "/a/", "site");
        var headers = new KeyValuePair<string, StringValues>[]
        {
            new("Content-Type", "text/html; charset=utf-8"),
            new("Content-Security-Policy", new string('c', 3000)),
        };
        var dressed = new CachedPage("/b/", Policy, new byte[2000], headers, "\"e\"", [.. Enumerable.Range(0, 50).Select(i => $"article:{i}")],
            Environment.TickCount64, PublicPagePolicy.Lifetime, store.Grew);

        Assert.True(dressed.Size - bare.Size > 3000 * 2 + 50 * "article:00".Length * 2,
            $"a page with a long header and 50 tags counts {dressed.Size} bytes, one with neither {bare.Size}");
    }

    [Fact]
    public void JoinedCopiesCountWhileTheyAreKeptAndStopCountingWhenReplaced()
    {
        var store = Store();
        var html = Encoding.UTF8.GetBytes("<html><!--slot--><p>" + new string('x', 4000) + "</p></html>");
        var page = new CachedPage("/", Policy, html, [new("Content-Type", new StringValues("text/html; charset=utf-8"))],
            "\"e\"", ["site"], Environment.TickCount64, PublicPagePolicy.Lifetime, store.Grew);
        store.TryAdd(page, () => true);
        var stored = store.Size;

        page.ServeAsync(new DefaultHttpContext(), Showing("v1", 100), Environment.TickCount64, compress: false);
        var withFirstBanner = store.Size;
        page.ServeAsync(new DefaultHttpContext(), Showing("v2", 300), Environment.TickCount64, compress: false);

        Assert.Equal(stored + html.Length - "<!--slot-->".Length + 100, withFirstBanner);
        Assert.Equal(stored + html.Length - "<!--slot-->".Length + 300, store.Size);
        Assert.Equal(store.Size, page.Size);
    }

    [Theory]
    [InlineData("GET", "", "", true)]
    [InlineData("HEAD", "?before=9", "", true)]
    [InlineData("POST", "", "", false)]
    [InlineData("GET", "?unapproved=3", "", false)]
    [InlineData("GET", "", "session=x", false)]
    public void ThePolicyAdmitsOnlyAnonymousReadsOfSharedViews(string method, string query, string cookie, bool admitted)
    {
        var request = new DefaultHttpContext().Request;
        request.Method = method;
        request.Path = "/";
        request.QueryString = new QueryString(query.Length > 0 ? query : null);
        if (cookie.Length > 0)
        {
            request.Headers.Cookie = cookie;
        }

        Assert.Equal(admitted, Policy.Admits(request));
    }

    [Fact]
    public void AnAuthorizationHeaderIsNeverAdmitted()
    {
        var request = new DefaultHttpContext().Request;
        request.Method = HttpMethods.Get;
        request.Headers.Authorization = "Basic eDp5";

        Assert.False(Policy.Admits(request));
    }

    [Fact]
    public void TheKeyHoldsOnlyTheQueryKeysThePageUnderstands()
    {
        var request = new DefaultHttpContext().Request;
        request.QueryString = new QueryString("?utm_source=x&before=12");
        var noise = new DefaultHttpContext().Request;
        noise.QueryString = new QueryString("?utm_source=y");

        Assert.Equal("/?before=12\u001e\u001f", PageKeys.For(request, "/", Policy));
        Assert.Same("/", PageKeys.For(noise, "/", Policy));
    }

    private static ShowingSlots Showing(string version, int bytes) =>
        new([(Encoding.UTF8.GetBytes("<!--slot-->"), new PageSlotContent(new byte[bytes], version))]);

    /// <summary>The store's clock (<see cref="PageStore.Now"/>) over the system's.</summary>
    private static long Milliseconds() => TimeProvider.System.GetTimestamp() / (TimeProvider.System.TimestampFrequency / 1000);

    private static PageStore Store(long limitMegabytes = 64) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Gazette:Cache:SizeLimitMB"] = limitMegabytes.ToString(System.Globalization.CultureInfo.InvariantCulture) }).Build(), TimeProvider.System);

    private static CachedPage Page(PageStore store, string key, string tag, int bytes = 2000, long? storedAt = null, TimeSpan? lifetime = null) =>
        new(key, Policy, Encoding.UTF8.GetBytes(new string('x', bytes)), [new("Content-Type", new StringValues("text/html; charset=utf-8"))],
            "\"e\"", [tag], storedAt ?? Milliseconds(), lifetime ?? PublicPagePolicy.Lifetime, store.Grew);
}
