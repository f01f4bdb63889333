using Gazette.Security;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Hosting;

/// <summary>
/// What a crash at the wrong moment can leave in the data folder, met by the real
/// executable: an empty key file is set aside and the site starts; an install
/// secret that cannot be used is one <c>gazette:</c> line and exit 1, never a
/// stack trace.
/// </summary>
public sealed class DamagedDataFolderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("gazette-damaged-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task AnEmptyKeyFileDoesNotStopTheServer()
    {
        await using (var first = GazetteProcess.Start(_folder, "serve", "--urls", "http://127.0.0.1:0"))
        {
            await first.WaitUntilListeningAsync();
        }
        var keys = Path.Combine(_folder, "data", SecurityServiceCollectionExtensions.KeysFolderName);
        var key = Assert.Single(Directory.GetFiles(keys, "key-*.xml"));
        await File.WriteAllBytesAsync(key, []);

        await using var second = GazetteProcess.Start(_folder, "serve", "--urls", "http://127.0.0.1:0");
        var url = await second.WaitUntilListeningAsync();
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(url + "/"));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.True(File.Exists(key + KeyFileRepository.UnreadableSuffix));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64 at all")]
    public async Task AnUnusableInstallSecretIsOneLine(string content)
    {
        Directory.CreateDirectory(Path.Combine(_folder, "data"));
        await File.WriteAllTextAsync(Path.Combine(_folder, "data", InstallSecretStore.FileName), content);

        var (exitCode, _, stderr) = await GazetteProcess.RunAsync(_folder, null, "serve", "--urls", "http://127.0.0.1:0");

        Assert.Equal(1, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("gazette: The install secret", line, StringComparison.Ordinal);
    }
}
