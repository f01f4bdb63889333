using System.CommandLine;

namespace Gazette.Hosting;

/// <summary>
/// Sorts the command line into what the parser reads (commands, their options
/// and arguments) and configuration for the ASP.NET Core host, so the command
/// line configures Gazette as it configures any ASP.NET Core app.
/// </summary>
public static class HostArguments
{
    /// <summary>Set by <c>serve</c> alone: start-up work meant for the person starting the site (a one-time password) is done only then.</summary>
    public const string ServingKey = "Gazette:Serving";

    public static readonly Option<string?> Database = new("--database")
    {
        Description = "The database: sqlite:PATH (default sqlite:data/gazette.db) or postgres://user:password@host:port/db. Same as Gazette:Database.",
        HelpName = "URL",
    };

    /// <summary>
    /// <c>--Key=value</c> anywhere on the line, for a key that is none of the
    /// commands' options, is configuration (<c>--Gazette:Database=...</c>, and the
    /// <c>--environment=Development</c> WebApplicationFactory starts the entry point
    /// with); the rest goes to the parser, which refuses what it does not know, so a
    /// mistyped command or argument is a usage error rather than a setting nobody reads.
    /// </summary>
    public static (string[] CommandLine, string[] Configuration) Split(IEnumerable<string> args, Command root)
    {
        var options = OptionNames(root).ToHashSet(StringComparer.Ordinal);
        var commandLine = new List<string>();
        var configuration = new List<string>();
        foreach (var arg in args)
        {
            var isConfiguration = arg.StartsWith("--", StringComparison.Ordinal)
                && arg.IndexOf('=', StringComparison.Ordinal) is > 2 and var equals
                && !options.Contains(arg[..equals]);
            (isConfiguration ? configuration : commandLine).Add(arg);
        }
        return ([.. commandLine], [.. configuration]);
    }

    /// <summary>
    /// The host's arguments for a command: the configuration on its command line,
    /// then its options and <paramref name="settings"/>, which win over it.
    /// </summary>
    public static string[] For(IEnumerable<string> args, ParseResult result, IEnumerable<(string Key, string? Value)> settings) =>
    [
        .. Split(args, result.RootCommandResult.Command).Configuration,
        .. settings.Append<(string Key, string? Value)>(("Gazette:Database", result.GetValue(Database)))
            .Where(setting => setting.Value is not null)
            .Select(setting => $"--{setting.Key}={setting.Value}"),
    ];

    private static IEnumerable<string> OptionNames(Command command) =>
        command.Options.SelectMany(option => option.Aliases.Prepend(option.Name))
            .Concat(command.Subcommands.SelectMany(OptionNames));
}
