using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;

namespace Gazette.Web;

/// <summary>
/// Which configuration source gave each of Gazette's settings its value: the
/// last source holding a key wins, so that is the one named. Secrets are
/// shown as set, never printed.
/// </summary>
public static class ConfigurationOrigins
{
    private static readonly string[] SecretWords = ["password", "secret", "token", "apikey"];

    public static IEnumerable<(string Key, string Value, string Origin)> Describe(IConfigurationRoot configuration)
    {
        var providers = Flatten(configuration.Providers).ToList();
        var keys = configuration.AsEnumerable()
            .Where(pair => pair.Value is not null && Shown(pair.Key))
            .Select(pair => pair.Key)
            .Order(StringComparer.OrdinalIgnoreCase);
        foreach (var key in keys)
        {
            var origin = providers.LastOrDefault(provider => provider.TryGet(key, out _));
            yield return (key, Mask(key, configuration[key]!), origin is null ? "unknown" : Name(origin));
        }
    }

    private static bool Shown(string key) =>
        (key.StartsWith("Gazette:", StringComparison.OrdinalIgnoreCase) && !key.Equals(Hosting.HostArguments.ServingKey, StringComparison.OrdinalIgnoreCase))
        || key.Equals("urls", StringComparison.OrdinalIgnoreCase)
        || key.Equals("AllowedHosts", StringComparison.OrdinalIgnoreCase)
        || key.Equals("environment", StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<IConfigurationProvider> Flatten(IEnumerable<IConfigurationProvider> providers) =>
        providers.SelectMany(provider => provider is ChainedConfigurationProvider { Configuration: IConfigurationRoot inner }
            ? Flatten(inner.Providers)
            : [provider]);

    private static string Name(IConfigurationProvider provider) => provider switch
    {
        FileConfigurationProvider file => file.Source.FileProvider?.GetFileInfo(file.Source.Path ?? "").PhysicalPath ?? file.Source.Path ?? "a file",
        EnvironmentVariablesConfigurationProvider => "the environment",
        CommandLineConfigurationProvider => "the command line",
        _ => provider.ToString() ?? provider.GetType().Name,
    };

    private static string Mask(string key, string value)
    {
        if (SecretWords.Any(word => key.Contains(word, StringComparison.OrdinalIgnoreCase)))
        {
            return "(set, not shown)";
        }
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.UserInfo.Contains(':', StringComparison.Ordinal))
        {
            var masked = value.Replace(uri.UserInfo, uri.UserInfo.Split(':')[0] + ":***", StringComparison.Ordinal);
            return masked == value ? "(a URL with a password, not shown)" : masked;
        }
        return value;
    }
}
