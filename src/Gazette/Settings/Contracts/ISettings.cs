using Gazette.Events;

namespace Gazette.Settings.Contracts;

/// <summary>Site settings as other modules read and claim them (configuration, when it names a setting, wins).</summary>
public interface ISettings
{
    Task<string?> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Stores the setting only if it is absent; true when this call stored it (a claim that one node wins).</summary>
    Task<bool> TryAddAsync(string key, string value, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds a line to a setting that holds one entry a line (a word list), in
    /// the caller's transaction; false when the line is there already.
    /// </summary>
    Task<bool> AddLineAsync(UnitOfWork work, string key, string line, CancellationToken cancellationToken = default);

    /// <summary>Removes a line from such a setting, in the caller's transaction; false when it was not there.</summary>
    Task<bool> RemoveLineAsync(UnitOfWork work, string key, string line, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a setting (null removes it) in the caller's transaction and tells
    /// every node, which rereads the settings into configuration and drops its
    /// cached pages: what a page shows from the setting changes at the next request.
    /// </summary>
    Task SetAsync(UnitOfWork work, string key, string? value, CancellationToken cancellationToken = default);
}
