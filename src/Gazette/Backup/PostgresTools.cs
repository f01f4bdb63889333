using System.Diagnostics;
using Gazette.Kernel;
using Gazette.Storage;
using Npgsql;

namespace Gazette.Backup;

/// <summary>
/// PostgreSQL's own client programs, which know every type and object the
/// server has: <c>pg_dump</c> makes a plain SQL dump from one snapshot,
/// <c>psql</c> plays it back in one transaction. Found on PATH; the connection
/// goes in PG* variables, so the password never appears in a process list.
/// </summary>
internal static class PostgresTools
{
    public const string Dump = "pg_dump";
    public const string Client = "psql";

    /// <summary>The program's path on PATH, or a failure saying how to get it.</summary>
    public static string Find(string program, string purpose)
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new StartupException(
            $"{purpose} on PostgreSQL needs {program}, which is not on PATH. Install PostgreSQL's client programs " +
            $"(Debian: apt-get install postgresql-client; the same major version as the server or newer) and run it again.");
    }

    public static async Task RunAsync(string program, PostgresUrl url, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        var connection = new NpgsqlConnectionStringBuilder(url.ConnectionString);
        start.Environment["PGHOST"] = connection.Host;
        start.Environment["PGPORT"] = connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGDATABASE"] = connection.Database;
        Set(start, "PGUSER", connection.Username);
        Set(start, "PGPASSWORD", connection.Password);
        if (connection.SslMode != SslMode.Prefer)
        {
            start.Environment["PGSSLMODE"] = connection.SslMode.ToString().ToLowerInvariant() switch
            {
                "verifyca" => "verify-ca",
                "verifyfull" => "verify-full",
                var mode => mode,
            };
        }
        using var process = Process.Start(start) ?? throw new StartupException($"{program} could not be started.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        await stdout;
        var errors = (await stderr).Trim();
        if (process.ExitCode != 0)
        {
            throw new StartupException($"{Path.GetFileName(program)} failed on the {url.Display} (exit {process.ExitCode}): {FirstLines(errors)}");
        }
    }

    private static void Set(ProcessStartInfo start, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            start.Environment[name] = value;
        }
        else
        {
            start.Environment.Remove(name);
        }
    }

    private static string FirstLines(string text) =>
        string.Join(" ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(3));
}
