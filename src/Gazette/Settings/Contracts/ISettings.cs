namespace Gazette.Settings.Contracts;

/// <summary>Site settings as other modules read and claim them (configuration, when it names a setting, wins).</summary>
public interface ISettings
{
    Task<string?> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Stores the setting only if it is absent; true when this call stored it (a claim that one node wins).</summary>
    Task<bool> TryAddAsync(string key, string value, CancellationToken cancellationToken = default);
}
