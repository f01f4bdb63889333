using System.CommandLine;
using System.CommandLine.Parsing;
using Gazette.Kernel;

namespace Gazette.Hosting;

/// <summary>
/// Turns the failures an operator can fix (bad configuration, database down,
/// folder not writable, port taken, no site where one was expected) into one
/// line on stderr and exit code 1, and wrong arguments into a line per error,
/// the command's help and exit code 2. Anything else is a bug and keeps its
/// stack trace.
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
    }

    /// <summary>
    /// All on stderr, so a script reading a command's output never reads help
    /// instead. The help is the command's own, as <c>--help</c> would print it.
    /// </summary>
    public static int WrongArguments(ParseResult result)
    {
        foreach (var error in result.Errors)
        {
            Console.Error.WriteLine($"gazette: {error.Message}");
        }
        Console.Error.WriteLine();
        var path = new Stack<string>();
        for (var command = result.CommandResult; command.Parent is CommandResult parent; command = parent)
        {
            path.Push(command.Command.Name);
        }
        result.RootCommandResult.Command.Parse([.. path, "--help"]).Invoke(new InvocationConfiguration { Output = Console.Error });
        return Usage;
    }
}
