using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Hosting;

/// <summary>Without Gazette:Site:BaseUrl, links follow each request's host: said at start when readers other than this machine can connect.</summary>
public sealed class BaseUrlWarningTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("gazette-baseurl-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("http://0.0.0.0:0", true)]
    [InlineData("http://127.0.0.1:0", false)]
    public async Task ServeWarnsOnlyWhenListeningBeyondLoopback(string urls, bool warns)
    {
        await using var server = GazetteProcess.Start(_folder, "serve", "--urls", urls);
        await server.WaitUntilListeningAsync();
        await using var withBaseUrl = GazetteProcess.Start(_folder, "serve", "--urls", "http://0.0.0.0:0", "--Gazette:Site:BaseUrl=https://news.example");
        await withBaseUrl.WaitUntilListeningAsync();

        if (warns)
        {
            // Written to stderr before the addresses go to stdout; the two streams are read apart.
            await Wait.UntilAsync(() => Task.FromResult(server.Stderr.Contains("gazette: warning: Gazette:Site:BaseUrl is not set", StringComparison.Ordinal)));
        }
        else
        {
            Assert.DoesNotContain("BaseUrl is not set", server.Stderr, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("BaseUrl is not set", withBaseUrl.Stderr, StringComparison.Ordinal);
    }
}
