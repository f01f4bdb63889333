using Gazette.Caching;

namespace Gazette.Tests.Caching;

public sealed class ContentCodingTests
{
    [Theory]
    [InlineData("", ContentCoding.Identity)]
    [InlineData("gzip, deflate, br, zstd", ContentCoding.Brotli)]
    [InlineData("gzip, deflate", ContentCoding.Gzip)]
    [InlineData("br;q=0, gzip;q=0.5", ContentCoding.Gzip)]
    [InlineData("BR", ContentCoding.Brotli)]
    [InlineData("*", ContentCoding.Brotli)]
    [InlineData("*;q=0.1, br;q=0", ContentCoding.Gzip)]
    [InlineData("gzip;q=0, *;q=0", ContentCoding.Identity)]
    [InlineData("identity", ContentCoding.Identity)]
    [InlineData("x-gzip", ContentCoding.Gzip)]
    [InlineData("deflate;q=1.0, gzip ; q=0.001", ContentCoding.Gzip)]
    public void EveryAcceptEncodingMapsToOneOfThreeCopies(string header, ContentCoding expected) =>
        Assert.Equal(expected, ContentCodings.Preferred(header.Length == 0 ? default : new Microsoft.Extensions.Primitives.StringValues(header)));
}
