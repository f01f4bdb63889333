using System.CommandLine;

namespace Gazette.Hosting;

/// <summary>
/// Turns a command's options and its remaining tokens into the arguments the
/// ASP.NET Core host reads as configuration (<c>--Gazette:Database=...</c>), so
/// the command line configures Gazette as it configures any ASP.NET Core app.
/// </summary>
public static class HostArguments
{
    public static readonly Option<string?> Database = new("--database")
    {
        Description = "The database: sqlite:PATH (default sqlite:data/gazette.db) or postgres://user:password@host:port/db. Same as Gazette:Database.",
        HelpName = "URL",
    };

    public static string[] From(ParseResult result, params (string Key, string? Value)[] settings)
    {
        var args = new List<string>();
        var tokens = result.UnmatchedTokens;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (!token.StartsWith("--", StringComparison.Ordinal) || token.Length == 2)
            {
                throw new CliUsageException($"Unknown argument '{token}'. Configuration is given as --Section:Key=value; see --help.");
            }
            args.Add(token);
            if (!token.Contains('=', StringComparison.Ordinal))
            {
                if (i + 1 >= tokens.Count)
                {
                    throw new CliUsageException($"Option '{token}' has no value: write {token}=VALUE.");
                }
                args.Add(tokens[++i]);
            }
        }
        foreach (var (key, value) in settings.Append(("Gazette:Database", result.GetValue(Database))))
        {
            if (value is not null)
            {
                args.Add($"--{key}={value}");
            }
        }
        return [.. args];
    }
}

public sealed class CliUsageException(string message) : Exception(message);
