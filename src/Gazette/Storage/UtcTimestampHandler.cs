using System.Data;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Gazette.Storage;

/// <summary>
/// The one place where timestamps cross into and out of the database. Gazette's
/// code holds UTC <see cref="DateTimeOffset"/> values; PostgreSQL stores them as
/// timestamptz, SQLite as fixed-width ISO-8601 text ending in Z, so that text
/// order is time order. Both keep microseconds, PostgreSQL's precision.
/// </summary>
public sealed class UtcTimestampHandler : SqlMapper.TypeHandler<DateTimeOffset>
{
    public const string SqliteFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    private static int _registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
        {
            // Dapper maps DateTimeOffset itself unless its built-in mapping is removed first.
            SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
            SqlMapper.RemoveTypeMap(typeof(DateTimeOffset?));
            SqlMapper.AddTypeHandler(new UtcTimestampHandler());
        }
    }

    public static DateTimeOffset Normalize(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return utc.AddTicks(-(utc.Ticks % 10));
    }

    public static string ToSqliteText(DateTimeOffset value) =>
        Normalize(value).ToString(SqliteFormat, CultureInfo.InvariantCulture);

    public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
    {
        if (parameter is SqliteParameter)
        {
            parameter.DbType = DbType.String;
            parameter.Value = ToSqliteText(value);
        }
        else
        {
            parameter.DbType = DbType.DateTimeOffset;
            parameter.Value = Normalize(value);
        }
    }

    public override DateTimeOffset Parse(object value) => value switch
    {
        DateTimeOffset offset => Normalize(offset),
        DateTime dateTime => new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc)),
        string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        _ => throw new InvalidCastException($"Cannot read a timestamp from {value.GetType().Name}."),
    };
}
