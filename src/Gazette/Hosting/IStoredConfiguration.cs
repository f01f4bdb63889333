namespace Gazette.Hosting;

/// <summary>
/// Configuration kept in the database. A start-up task loads it when the site
/// starts; <c>gazette doctor</c>, which runs no start-up task (they write), loads
/// it through this alone, to say which values come from it.
/// </summary>
public interface IStoredConfiguration
{
    Task LoadAsync(CancellationToken cancellationToken);
}
