using System.Text.Json;
using Gazette.Kernel;

namespace Gazette.Backup;

/// <summary>
/// The last entry of a backup file: what made it, from which kind of database,
/// and every other entry with its length and SHA-256, so a restore knows the
/// file is whole before it changes anything.
/// </summary>
public sealed record BackupManifest(int Format, string Database, DateTimeOffset CreatedAt, IReadOnlyList<string> Migrations, IReadOnlyList<BackupEntry> Files)
{
    public const int CurrentFormat = 1;
    public const string EntryName = "manifest.json";
    public const string SqliteDatabase = "database/gazette.db";
    public const string PostgresDump = "database/postgres.sql";
    public const string InstallSecret = "install.secret";
    public const string KeysFolder = "keys/";
    public const string FoldersPrefix = "folders/";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static BackupManifest Read(byte[] json, string file)
    {
        try
        {
            var manifest = JsonSerializer.Deserialize<BackupManifest>(json, Json);
            if (manifest is { Files: not null, Database: "sqlite" or "postgres" })
            {
                return manifest.Format <= CurrentFormat
                    ? manifest
                    : throw new StartupException($"{file} was made by a newer Gazette (backup format {manifest.Format}); restore it with that version.");
            }
        }
        catch (JsonException)
        {
            // Reported below, as any other damage.
        }
        throw new StartupException($"{file} is not a Gazette backup: its {EntryName} cannot be read. Nothing was restored.");
    }
}

public sealed record BackupEntry(string Name, long Length, string Sha256);
