namespace Gazette.Storage;

/// <summary>
/// What differs between the two databases. Queries are written once in SQL both
/// accept; only what cannot be written once lives here.
/// </summary>
public sealed class SqlDialect
{
    public static readonly SqlDialect Sqlite = new("sqlite");
    public static readonly SqlDialect Postgres = new("postgres");

    private SqlDialect(string name) => Name = name;

    public string Name { get; }

    /// <summary>
    /// SQL that makes the current transaction wait for any other holding one of
    /// the keys (parameter @keys, a long[]) and holds them until it ends, taking
    /// them in key order so that two such transactions never deadlock; null where
    /// writers are serialized anyway (SQLite).
    /// </summary>
    public string? TransactionLocksSql => this == Postgres
        ? "select count(pg_advisory_xact_lock(key)) from (select key from unnest(@keys) as key order by key) ordered"
        : null;

    /// <summary>
    /// The lowest transaction id that may still be running: every transaction
    /// below it has committed or rolled back, so what it wrote is visible and
    /// final. PostgreSQL's snapshot xmin; SQLite commits one writer at a time,
    /// so everything committed is final and the horizon is always 1 (rows record
    /// transaction 0 there).
    /// </summary>
    public string TransactionHorizonSql => this == Postgres
        ? "select pg_snapshot_xmin(pg_current_snapshot())::text::bigint"
        : "select 1";

    /// <summary>
    /// "<paramref name="column"/> is one of the list in <paramref name="parameter"/>"
    /// (a <c>long[]</c>): Dapper spells the list out as parameters on SQLite and
    /// sends it as one array on PostgreSQL, which wants <c>= any(...)</c>.
    /// </summary>
    public string InList(string column, string parameter) =>
        this == Postgres ? $"{column} = any(@{parameter})" : $"{column} in @{parameter}";

    /// <summary>True when the insert broke a unique index (SQLite's SQLITE_CONSTRAINT_UNIQUE, PostgreSQL's 23505).</summary>
    public bool IsUniqueViolation(Exception exception) => exception switch
    {
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        Npgsql.PostgresException postgres => postgres.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    public override string ToString() => Name;
}
