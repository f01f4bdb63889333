using System.Net;
using System.Net.Http.Headers;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Site;

public abstract class CachingTests<TProvider>(TProvider provider) : SiteTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    private const string Sample = SampleArticleTests<TProvider>.Url;

    [Theory]
    [InlineData("/")]
    [InlineData(Sample)]
    [InlineData("/section/world/")]
    [InlineData("/tag/china/")]
    public async Task SecondGetIsServedFromTheCache(string path)
    {
        var first = await GetAsync(path);
        var second = await GetAsync(path);

        Assert.Null(first.Response.Headers.Age);
        Assert.NotNull(second.Response.Headers.Age);
        Assert.Equal(first.Html, second.Html);
    }

    [Fact]
    public async Task UnknownQueryParametersShareThePagesEntry()
    {
        var noise = await GetAsync(Sample + "?utm_source=x&random=" + Guid.NewGuid());
        var plain = await GetAsync(Sample);
        var otherNoise = await GetAsync(Sample + "?random=" + Guid.NewGuid());

        Assert.Null(noise.Response.Headers.Age);
        Assert.NotNull(plain.Response.Headers.Age);
        Assert.NotNull(otherNoise.Response.Headers.Age);
    }

    [Fact]
    public async Task PublishingEvictsTheHomePageSoTheNextGetIsFresh()
    {
        await GetAsync("/");
        Assert.NotNull((await GetAsync("/")).Response.Headers.Age);

        await PublishAsync(Story("Breaking: cache evicted", sections: ["World"]));
        var after = await GetAsync("/");
        var section = await GetAsync("/section/world/");

        Assert.Null(after.Response.Headers.Age);
        Assert.Contains("Breaking: cache evicted", after.Html, StringComparison.Ordinal);
        Assert.Contains("Breaking: cache evicted", section.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishingLeavesUnrelatedPagesCached()
    {
        await GetAsync("/tag/diplomacy/");

        await PublishAsync(Story("Unrelated sports story", sections: ["World"], tags: ["Football"]));

        Assert.NotNull((await GetAsync("/tag/diplomacy/")).Response.Headers.Age);
    }

    [Fact]
    public async Task PagesCarryCacheControlAndAnETagAndAnswer304()
    {
        var first = await GetAsync(Sample);
        var etag = first.Response.Headers.ETag;
        Assert.NotNull(etag);
        Assert.Contains("stale-while-revalidate", first.Response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.True(first.Response.Headers.CacheControl?.Public);

        using var request = new HttpRequestMessage(HttpMethod.Get, Sample);
        request.Headers.IfNoneMatch.Add(etag);
        using var revalidated = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task FirstRequestWithAMatchingETagIsAlso304()
    {
        var etag = (await GetAsync("/tag/china/")).Response.Headers.ETag!;
        await using var fresh = new GazetteFactory(Provider);
        using var client = fresh.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/tag/china/");
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(etag.Tag));

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }

    [Fact]
    public async Task PagesNeverVaryByCookieOrSetOne()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/section/world/");
        request.Headers.Add("Cookie", "session=abc");
        await GetAsync("/section/world/");

        using var withCookie = await Client.SendAsync(request);

        Assert.NotNull(withCookie.Headers.Age);
        Assert.False(withCookie.Headers.Contains("Set-Cookie"));
        Assert.DoesNotContain("Cookie", withCookie.Headers.Vary);
    }

    [Fact]
    public async Task NotFoundPagesAreNotCached()
    {
        await GetAsync("/tag/nothing-here/");
        var second = await GetAsync("/tag/nothing-here/");

        Assert.Equal(HttpStatusCode.NotFound, second.Status);
        Assert.Null(second.Response.Headers.Age);
    }
}

public sealed class CachingTestsOnSqlite(SqliteProvider provider) : CachingTests<SqliteProvider>(provider);

public sealed class CachingTestsOnPostgres(PostgresProvider provider) : CachingTests<PostgresProvider>(provider);
