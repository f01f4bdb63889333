using Gazette.Kernel;
using Npgsql;

namespace Gazette.Storage;

/// <summary>
/// The parsed form of <c>Gazette:Database</c>: <c>sqlite:PATH</c> or
/// <c>postgres://user[:password]@host[:port]/database[?option=value...]</c>.
/// </summary>
public abstract record DatabaseUrl
{
    public const string Default = "sqlite:data/gazette.db";

    /// <summary>A description for messages and logs; never contains a password.</summary>
    public abstract string Display { get; }

    public static DatabaseUrl Parse(string? value)
    {
        var text = string.IsNullOrWhiteSpace(value) ? Default : value.Trim();
        if (text.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            var path = text["sqlite:".Length..];
            if (path.StartsWith("//", StringComparison.Ordinal))
            {
                path = path[2..];
            }
            if (path.Length == 0)
            {
                throw new StartupException($"Gazette:Database '{text}' names no file: write sqlite:PATH, e.g. {Default}.");
            }
            return new SqliteUrl(Path.GetFullPath(path));
        }
        if (text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return PostgresUrl.FromUri(text);
        }
        throw new StartupException(
            $"Gazette:Database '{Redact(text)}' is neither sqlite:PATH nor a postgres://user:password@host:port/database URL.");
    }

    /// <summary>Drops the user and password of a URL-like setting before it is echoed in a message.</summary>
    private static string Redact(string text)
    {
        var at = text.LastIndexOf('@');
        if (at < 0)
        {
            return text;
        }
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        return (scheme >= 0 && scheme < at ? text[..(scheme + 3)] : "") + "…" + text[at..];
    }
}

public sealed record SqliteUrl(string Path) : DatabaseUrl
{
    public string DataFolder => System.IO.Path.GetDirectoryName(Path)!;

    public override string Display => $"SQLite database {Path}";
}

public sealed record PostgresUrl(string ConnectionString, string Host, int Port, string DatabaseName) : DatabaseUrl
{
    public override string Display => $"PostgreSQL database '{DatabaseName}' at {Host}:{Port}";

    internal static PostgresUrl FromUri(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new StartupException("Gazette:Database is not a valid postgres:// URL: expected postgres://user:password@host:port/database.");
        }
        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length == 0 || database.Contains('/', StringComparison.Ordinal))
        {
            throw new StartupException($"Gazette:Database postgres URL for {uri.Host} names no database: expected postgres://user:password@host:port/database.");
        }
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = database,
            // Statements a connection runs twice are prepared on it and kept while it is pooled: PostgreSQL
            // parses and plans them once (decision 181). The URL's own options come after and may change it.
            MaxAutoPrepare = 64,
            AutoPrepareMinUsages = 2,
        };
        var userInfo = uri.UserInfo.Split(':', 2);
        if (userInfo[0].Length > 0)
        {
            builder.Username = Uri.UnescapeDataString(userInfo[0]);
        }
        if (userInfo.Length == 2)
        {
            builder.Password = Uri.UnescapeDataString(userInfo[1]);
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(parts[0]);
            try
            {
                builder[key] = parts.Length == 2 ? Uri.UnescapeDataString(parts[1]) : "true";
            }
            catch (ArgumentException)
            {
                throw new StartupException($"Gazette:Database postgres URL has an unknown option '{key}'.");
            }
        }
        return new PostgresUrl(builder.ConnectionString, builder.Host!, builder.Port, database);
    }
}
