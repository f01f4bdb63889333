using System.Diagnostics;

namespace Gazette.Tests.Infrastructure;

/// <summary>The W3C Nu HTML checker (vnu.jar from tests/tools), run over a folder of saved pages.</summary>
public static class NuChecker
{
    public static readonly string Jar = Repository.Path("tests", "tools", "node_modules", "vnu-jar", "build", "dist", "vnu.jar");

    /// <summary>Checks every .html file in <paramref name="folder"/>; exit code 0 when none has an error.</summary>
    public static async Task<(int ExitCode, string Output)> CheckAsync(string folder)
    {
        if (!File.Exists(Jar))
        {
            throw new InvalidOperationException($"The Nu HTML checker is missing at {Jar}: run ./test.sh (it runs npm ci in tests/tools) or npm ci --prefix tests/tools.");
        }
        var start = new ProcessStartInfo("java") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-jar", Jar, "--errors-only", "--format", "text", "--skip-non-html", folder })
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
