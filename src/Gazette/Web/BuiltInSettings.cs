using Microsoft.Extensions.Configuration.Json;

namespace Gazette.Web;

/// <summary>
/// The shipped appsettings.json, embedded, so the single-file executable needs
/// no file beside it. It sits just beneath the host's appsettings.json source:
/// an operator's file beside the executable, the environment and the command
/// line all win over it.
/// </summary>
public sealed class BuiltInSettings : ConfigurationProvider, IConfigurationSource
{
    public const string ResourceName = "Gazette.appsettings.json";

    public static void AddBeneathAppSettings(ConfigurationManager configuration)
    {
        var position = configuration.Sources
            .Select((source, index) => (source, index))
            .FirstOrDefault(entry => entry.source is JsonConfigurationSource { Path: "appsettings.json" }).index;
        configuration.Sources.Insert(position, new BuiltInSettings());
    }

    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    /// <summary>Read afresh on every load: the configuration manager reloads all sources whenever one is added.</summary>
    public override void Load()
    {
        using var stream = typeof(BuiltInSettings).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The build embeds no {ResourceName}.");
        Data = new ConfigurationBuilder().AddJsonStream(stream).Build().AsEnumerable()
            .Where(pair => pair.Value is not null)
            .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>How <c>gazette doctor</c> names this source when a value comes from it.</summary>
    public override string ToString() => "the defaults built into gazette";
}
