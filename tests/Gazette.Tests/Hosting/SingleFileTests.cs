using System.Diagnostics;
using System.Text.RegularExpressions;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Hosting;

/// <summary>
/// The linux-x64 executable that <c>dotnet publish -r linux-x64</c> makes, run
/// the way an operator runs it: copied alone into an empty folder, with no .NET
/// on PATH and no DOTNET_ROOT. It is published once per build of the tests and
/// kept beside them, so a second run of the tests reuses it.
/// </summary>
public sealed partial class SingleFileTests : IDisposable
{
    private const string RuntimeIdentifier = "linux-x64";
    private static readonly SemaphoreSlim PublishGate = new(1, 1);
    private readonly string _root = Directory.CreateTempSubdirectory("gazette-single-file-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task TheExecutableAloneInAnEmptyFolderServesTheSampleArticle()
    {
        var (folder, executable, environment) = await InstallAsync();

        await using var gazette = GazetteProcess.StartExecutable(executable, folder, environment, "serve", "--urls", "http://127.0.0.1:0");
        var baseUrl = await gazette.WaitUntilListeningAsync();
        await Wait.UntilAsync(() => Task.FromResult(SampleLine().IsMatch(gazette.Stdout)));
        var sample = SampleLine().Match(gazette.Stdout).Groups[1].Value;
        using var http = new HttpClient();
        var page = await http.GetAsync(sample);
        var html = await page.Content.ReadAsStringAsync();

        Assert.StartsWith(baseUrl, sample, StringComparison.Ordinal);
        Assert.True(page.IsSuccessStatusCode, $"{sample}: {(int)page.StatusCode}\n{gazette.Stderr}");
        Assert.Contains("<h1 class=\"story__title\">China Outlines Five Goals for Antony Blinken’s Visit to Foster US Relations</h1>", html, StringComparison.Ordinal);
        Assert.True((await http.GetAsync($"{baseUrl}/assets/site.css")).IsSuccessStatusCode, "the embedded theme's stylesheet");
        Assert.Equal(["data", "gazette", "home"], Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task VersionPrintsTheVersionAndTheCommitItWasBuiltFrom()
    {
        var (folder, executable, environment) = await InstallAsync();

        await using var gazette = GazetteProcess.StartExecutable(executable, folder, environment, "--version");
        var exitCode = await gazette.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(0, exitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+\+[0-9a-f]{40}\n$", gazette.Stdout);
        Assert.Equal(await GitHeadAsync(), gazette.Stdout.Trim().Split('+')[1]);
    }

    /// <summary>The executable copied into an empty folder, and an environment without .NET.</summary>
    private async Task<(string Folder, string Executable, IReadOnlyDictionary<string, string> Environment)> InstallAsync()
    {
        var published = await PublishAsync();
        var folder = Directory.CreateDirectory(Path.Combine(_root, "site")).FullName;
        var home = Directory.CreateDirectory(Path.Combine(folder, "home")).FullName;
        var emptyPath = Directory.CreateDirectory(Path.Combine(_root, "no-dotnet")).FullName;
        var executable = Path.Combine(folder, "gazette");
        File.Copy(published, executable);
        File.SetUnixFileMode(executable, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return (folder, executable, new Dictionary<string, string> { ["PATH"] = emptyPath, ["HOME"] = home });
    }

    /// <summary>Publishes once for the gazette.dll these tests were built with; a later build publishes again.</summary>
    private static async Task<string> PublishAsync()
    {
        var output = Path.Combine(AppContext.BaseDirectory, "single-file", RuntimeIdentifier);
        var executable = Path.Combine(output, "gazette");
        var built = new FileInfo(Path.Combine(AppContext.BaseDirectory, "gazette.dll"));
        var stamp = $"{built.Length} {built.LastWriteTimeUtc:O}";
        var stampFile = Path.Combine(output, "built-from");
        await PublishGate.WaitAsync();
        try
        {
            if (File.Exists(executable) && File.Exists(stampFile) && await File.ReadAllTextAsync(stampFile) == stamp)
            {
                return executable;
            }
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
            var (exitCode, log) = await RunAsync("dotnet", Repository.Root, "publish", Repository.Path("src", "Gazette"), "-c", "Release", "-r", RuntimeIdentifier, "-o", output, "-nologo", "-v", "quiet");
            Assert.True(exitCode == 0, $"dotnet publish failed:\n{log}");
            Assert.Equal(["gazette"], Directory.EnumerateFiles(output).Select(Path.GetFileName));
            await File.WriteAllTextAsync(stampFile, stamp);
            return executable;
        }
        finally
        {
            PublishGate.Release();
        }
    }

    private static async Task<string> GitHeadAsync()
    {
        var (exitCode, output) = await RunAsync("git", Repository.Root, "rev-parse", "HEAD");
        Assert.True(exitCode == 0, output);
        return output.Trim();
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // The publish makes a composite ReadyToRun image of the framework (decision 175): minutes of CPU.
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(30));
        return (process.ExitCode, await stdout + await stderr);
    }

    [GeneratedRegex("Open the sample article: (\\S+)")]
    private static partial Regex SampleLine();
}
