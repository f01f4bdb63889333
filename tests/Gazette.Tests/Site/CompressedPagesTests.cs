using System.IO.Compression;
using System.Net;
using System.Text;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Site;

/// <summary>
/// Cached pages are kept in Brotli and gzip as well as plain, chosen by the
/// request's Accept-Encoding, each copy made once and then served as stored.
/// </summary>
public abstract class CompressedPagesTests<TProvider>(TProvider provider) : SiteTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    private const string Sample = SampleArticleTests<TProvider>.Url;

    [Theory]
    [InlineData("gzip, deflate, br", "br")]
    [InlineData("gzip", "gzip")]
    [InlineData("br;q=0, gzip;q=0.8", "gzip")]
    public async Task ACachedPageIsSentInTheCodingTheReaderTakesWithItsOwnValidator(string acceptEncoding, string coding)
    {
        var (_, plain, first) = await GetAsync(Sample);

        using var compressed = await SendAsync(Sample, acceptEncoding);
        var bytes = await compressed.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, compressed.StatusCode);
        Assert.Equal([coding], compressed.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", compressed.Headers.Vary);
        Assert.NotNull(compressed.Headers.Age);
        Assert.Equal(bytes.Length, compressed.Content.Headers.ContentLength);
        Assert.True(bytes.Length < Encoding.UTF8.GetByteCount(plain) / 2, "the copy is compressed");
        Assert.Equal(plain, Decompressed.Text(bytes, coding));
        Assert.NotEqual(first.Headers.ETag!.Tag, compressed.Headers.ETag!.Tag);
        Assert.NotNull(compressed.Headers.GetValues("Content-Security-Policy").Single());
        using var again = await SendAsync(Sample, acceptEncoding);
        Assert.Equal(bytes, await again.Content.ReadAsByteArrayAsync());
        using var revalidated = await SendAsync(Sample, acceptEncoding, compressed.Headers.ETag.Tag);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
    }

    [Fact]
    public async Task AReaderWhoTakesNoCodingGetsThePlainPage()
    {
        var (_, plain, _) = await GetAsync(Sample);

        using var identity = await SendAsync(Sample, "identity");

        Assert.Empty(identity.Content.Headers.ContentEncoding);
        Assert.Equal(plain, await identity.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AHeadRequestIsAnsweredFromTheCacheWithTheLengthAndNoBody()
    {
        var (_, plain, _) = await GetAsync(Sample);

        using var head = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, Sample));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.NotNull(head.Headers.Age);
        Assert.Equal(Encoding.UTF8.GetByteCount(plain), head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    private async Task<HttpResponseMessage> SendAsync(string path, string acceptEncoding, string? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }
        return await Client.SendAsync(request);
    }
}

public sealed class CompressedPagesTestsOnSqlite(SqliteProvider provider) : CompressedPagesTests<SqliteProvider>(provider);

public sealed class CompressedPagesTestsOnPostgres(PostgresProvider provider) : CompressedPagesTests<PostgresProvider>(provider);

public static class Decompressed
{
    public static string Text(byte[] bytes, string coding)
    {
        using Stream source = coding == "br"
            ? new BrotliStream(new MemoryStream(bytes), CompressionMode.Decompress)
            : new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var reader = new StreamReader(source, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
