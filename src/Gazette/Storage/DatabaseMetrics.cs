using System.Diagnostics.Metrics;

namespace Gazette.Storage;

/// <summary>
/// What can be said of the database's connections. On PostgreSQL, Npgsql
/// publishes its pool itself (meter <c>Npgsql</c>: connections idle and in use,
/// the maximum, requests waiting), so nothing is added here. SQLite has no
/// connection limit to run out of and Microsoft.Data.Sqlite counts nothing;
/// what queues is the one write turn, so that is what is published
/// (decision 157).
/// </summary>
public sealed class DatabaseMetrics
{
    public const string MeterName = "Gazette.Storage";

    public DatabaseMetrics(IMeterFactory meters, Database database)
    {
        if (database is SqliteDatabase sqlite)
        {
            meters.Create(MeterName).CreateObservableGauge("gazette.sqlite.writers", () => sqlite.Writers, "{writer}",
                "Writers of this process holding or waiting for SQLite's one write turn; above 1, writes queue");
        }
    }
}
