using Gazette.Caching;

namespace Gazette.Tests.Caching;

public sealed class SharedCachingTests
{
    [Theory]
    [InlineData("public, max-age=60, stale-while-revalidate=600", 600, false, "public, max-age=60, stale-while-revalidate=600, s-maxage=60, stale-if-error=86400")]
    [InlineData("public, max-age=60, stale-while-revalidate=600", 600, true, "public, max-age=60, stale-while-revalidate=600, s-maxage=600, stale-if-error=86400")]
    [InlineData("public, max-age=300", 60, false, "public, max-age=300, s-maxage=60, stale-if-error=86400")]
    [InlineData("private, no-store", 600, true, "private, no-store")]
    [InlineData("no-cache", 600, true, "no-cache")]
    [InlineData("public, no-cache", 600, true, "public, no-cache")]
    [InlineData("public", 600, false, "public")]
    [InlineData("public", 600, true, "public, s-maxage=600, stale-if-error=86400")]
    [InlineData("public, s-maxage=5", 600, true, "public, s-maxage=5")]
    public void SharedCachesKeepAPageAsLongAsAPurgeCanReachThem(string page, int lifetimeSeconds, bool purged, string expected) =>
        Assert.Equal(expected, SharedCaching.CacheControl(page, TimeSpan.FromSeconds(lifetimeSeconds), purged));
}
