namespace Gazette.Settings;

/// <summary>
/// The settings table as a configuration source, added beneath every other
/// source, so a value in appsettings, the environment or the command line wins
/// over one set in the admin (and the admin shows it locked). Empty until
/// <see cref="SettingsReloader"/> reads the table after the schema is ready;
/// reloading it notifies every <c>IOptionsMonitor</c>.
/// </summary>
public sealed class DatabaseConfigurationSource : IConfigurationSource
{
    public DatabaseConfigurationProvider Provider { get; } = new();

    public IConfigurationProvider Build(IConfigurationBuilder builder) => Provider;
}

public sealed class DatabaseConfigurationProvider : ConfigurationProvider
{
    public void Replace(IReadOnlyDictionary<string, string> values)
    {
        Data = new Dictionary<string, string?>(values.Select(pair => KeyValuePair.Create(pair.Key, (string?)pair.Value)), StringComparer.OrdinalIgnoreCase);
        OnReload();
    }

    /// <summary>How <c>gazette doctor</c> names this source when a value comes from it.</summary>
    public override string ToString() => "the settings table, edited in the newsroom";
}
