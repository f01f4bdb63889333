using System.Diagnostics;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Site;

/// <summary>Every page template, as served, passes the W3C Nu HTML checker with no errors.</summary>
public sealed class HtmlValidityTests(SqliteProvider provider) : SiteTestBase<SqliteProvider>(provider)
{
    private static readonly string Checker = Repository.Path("tests", "tools", "node_modules", "vnu-jar", "build", "dist", "vnu.jar");

    [Fact]
    public async Task PagesHaveNoHtmlErrors()
    {
        if (!File.Exists(Checker))
        {
            throw new InvalidOperationException($"The Nu HTML checker is missing at {Checker}: run ./test.sh (it runs npm ci in tests/tools) or npm ci --prefix tests/tools.");
        }
        var folder = Directory.CreateTempSubdirectory("gazette-vnu-").FullName;
        try
        {
            foreach (var (name, path) in new[] { ("home", "/"), ("article", SampleArticleTests<SqliteProvider>.Url), ("section", "/section/world/"), ("tag", "/tag/china/"), ("missing", "/no-such-page/") })
            {
                var (_, html, _) = await GetAsync(path);
                await File.WriteAllTextAsync(Path.Combine(folder, name + ".html"), html);
            }

            var (exitCode, output) = await RunCheckerAsync(folder);

            Assert.True(exitCode == 0, $"vnu found errors:\n{output}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunCheckerAsync(string folder)
    {
        var start = new ProcessStartInfo("java") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-jar", Checker, "--errors-only", "--format", "text", "--skip-non-html", folder })
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await stdout + await stderr);
    }
}
