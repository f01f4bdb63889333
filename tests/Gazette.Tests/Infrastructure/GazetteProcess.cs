using System.Diagnostics;
using System.Text;

namespace Gazette.Tests.Infrastructure;

/// <summary>
/// The real executable (gazette.dll beside the tests) in its own process, for
/// what only a process shows: exit codes, stderr, signals, restarts.
/// </summary>
public sealed class GazetteProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource<string> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private GazetteProcess(string workingDirectory, IReadOnlyDictionary<string, string>? environment, string[] args, string? input = null, string? executable = null)
    {
        var start = new ProcessStartInfo(executable ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
            UseShellExecute = false,
        };
        if (executable is null)
        {
            start.ArgumentList.Add("exec");
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "gazette.dll"));
        }
        else
        {
            // A machine without .NET: the executable sees only the environment given to it.
            start.Environment.Clear();
        }
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var key in start.Environment.Keys.Where(key => key.StartsWith("Gazette__", StringComparison.OrdinalIgnoreCase) || key.StartsWith("ASPNETCORE_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }
        start.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Append(_stdout, e.Data, listening: true);
        _process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data, listening: false);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (input is not null)
        {
            _process.StandardInput.Write(input);
            _process.StandardInput.Close();
        }
    }

    public string Stdout { get { lock (_gate) { return _stdout.ToString(); } } }

    public string Stderr { get { lock (_gate) { return _stderr.ToString(); } } }

    public int Id => _process.Id;

    public static GazetteProcess Start(string workingDirectory, params string[] args) => new(workingDirectory, null, args);

    public static GazetteProcess Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        new(workingDirectory, environment, args);

    /// <summary>A published executable, run with nothing of this machine's environment but <paramref name="environment"/>.</summary>
    public static GazetteProcess StartExecutable(string executable, string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        new(workingDirectory, environment, args, executable: executable);

    /// <summary>Runs a command to its end.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        await using var process = new GazetteProcess(workingDirectory, environment, args);
        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (exitCode, process.Stdout, process.Stderr);
    }

    /// <summary>Runs a command to its end with <paramref name="input"/> on its standard input.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunWithInputAsync(string workingDirectory, string input, params string[] args)
    {
        await using var process = new GazetteProcess(workingDirectory, null, args, input);
        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (exitCode, process.Stdout, process.Stderr);
    }

    /// <summary>The base URL once the server says it listens.</summary>
    public async Task<string> WaitUntilListeningAsync()
    {
        var exited = _process.WaitForExitAsync();
        var first = await Task.WhenAny(_listening.Task, exited).WaitAsync(TimeSpan.FromSeconds(60));
        if (first == exited)
        {
            throw new InvalidOperationException($"gazette exited with {_process.ExitCode} before listening: {Stderr}{Stdout}");
        }
        return await _listening.Task;
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Kill() => _process.Kill(entireProcessTree: true);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private void Append(StringBuilder target, string? line, bool listening)
    {
        if (line is null)
        {
            return;
        }
        lock (_gate)
        {
            target.AppendLine(line);
        }
        const string marker = "Gazette is running at ";
        if (listening && line.StartsWith(marker, StringComparison.Ordinal))
        {
            _listening.TrySetResult(line[marker.Length..].TrimEnd('/'));
        }
    }
}
