using Gazette.Kernel;

namespace Gazette.Hosting;

/// <summary>
/// Turns the failures an operator can fix (bad configuration, database down,
/// folder not writable, port taken, wrong arguments) into one line on stderr and
/// a non-zero exit code. Anything else is a bug and keeps its stack trace.
/// </summary>
public static class CommandFailure
{
    public const int StartupFailed = 1;
    public const int Usage = 2;

    public static async Task<int> Guard(Func<Task<int>> command)
    {
        try
        {
            return await command();
        }
        catch (StartupException ex)
        {
            await Console.Error.WriteLineAsync($"gazette: {ex.Message}");
            return StartupFailed;
        }
        catch (CliUsageException ex)
        {
            await Console.Error.WriteLineAsync($"gazette: {ex.Message}");
            return Usage;
        }
    }
}
