namespace Gazette.Storage;

/// <summary>
/// Called by <see cref="SchemaMigrator"/> before it applies scripts that rebuild
/// a table (marked <c>-- gazette: rebuilds-table</c>) on a database that already
/// holds a site: the backup part takes a backup there (decision 62).
/// </summary>
public interface IMigrationSafeguard
{
    Task BeforeRebuildAsync(IReadOnlyList<string> scripts, CancellationToken cancellationToken);
}
