using Dapper;
using Gazette.Kernel;
using Gazette.Storage;

namespace Gazette.Security;

/// <summary>
/// Loads the install secret, creating it on first run: a file in the data folder
/// on SQLite (kept out of database backups), a row in <c>secrets</c> on PostgreSQL
/// so every node of a cluster shares it.
/// </summary>
public static class InstallSecretStore
{
    public const string FileName = "install.secret";

    public static InstallSecret LoadOrCreate(Database database, TimeProvider time) => database switch
    {
        SqliteDatabase sqlite => FromFile(Path.Combine(sqlite.Url.DataFolder, FileName)),
        _ => FromTable(database, time),
    };

    /// <summary>
    /// The secret if the site has one, without making one (for <c>gazette doctor</c>);
    /// a secret that cannot be read or is damaged is a <see cref="StartupException"/>.
    /// </summary>
    public static InstallSecret? LoadExisting(Database database)
    {
        if (database is SqliteDatabase sqlite)
        {
            var path = Path.Combine(sqlite.Url.DataFolder, FileName);
            return File.Exists(path) ? FromFile(path) : null;
        }
        using var connection = database.Open();
        var stored = connection.QuerySingleOrDefault<string>("select value from secrets where name = 'install'");
        return stored is null ? null : Decode(stored, "the secrets table");
    }

    private static InstallSecret FromFile(string path)
    {
        if (!File.Exists(path))
        {
            try
            {
                // Durable and atomic: a crash during the first start leaves no secret or the whole one, never an empty file.
                DurableFile.Write(path, Convert.ToBase64String(InstallSecret.NewKey()), privateToOwner: true);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first; read theirs.
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new StartupException($"The install secret {path} cannot be written ({ex.Message}).");
            }
        }
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StartupException($"The install secret {path} cannot be read ({ex.Message}).");
        }
        return Decode(text, path);
    }

    private static InstallSecret FromTable(Database database, TimeProvider time)
    {
        using var connection = database.Open();
        connection.Execute(
            "insert into secrets (name, value, created_at) values ('install', @value, @now) on conflict (name) do nothing",
            new { value = Convert.ToBase64String(InstallSecret.NewKey()), now = time.GetUtcNow() });
        var stored = connection.QuerySingle<string>("select value from secrets where name = 'install'");
        return Decode(stored, "the secrets table");
    }

    private static InstallSecret Decode(string text, string source)
    {
        try
        {
            var key = Convert.FromBase64String(text.Trim());
            if (key.Length == InstallSecret.Length)
            {
                return new InstallSecret(key);
            }
        }
        catch (FormatException)
        {
            // Reported below, with the same message as a wrong length.
        }
        throw new StartupException($"The install secret in {source} is damaged: expected {InstallSecret.Length} bytes of base64. Restore it from a backup.");
    }
}
