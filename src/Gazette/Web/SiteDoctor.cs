using System.Data.Common;
using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Dapper;
using Gazette.Hosting;
using Gazette.Kernel;
using Gazette.Rendering;
using Gazette.Security;
using Gazette.Storage;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace Gazette.Web;

/// <summary>
/// What <c>gazette doctor</c> checks, in the order an operator fixes things:
/// the database and its schema, the configuration and where each value came
/// from, the theme, the folders the site writes, the install secret and keys,
/// the public address, the clock and Redis. It reads and never repairs: the
/// only thing it writes is a probe file, removed at once.
/// </summary>
public sealed class SiteDoctor(IServiceProvider services, IConfiguration configuration, TimeProvider time)
{
    public const long FailBelowBytes = 100L * 1024 * 1024;
    public const long WarnBelowBytes = 1024L * 1024 * 1024;

    public async Task<IReadOnlyList<DoctorLine>> RunAsync(CancellationToken cancellationToken)
    {
        var lines = new List<DoctorLine>();
        Database? database;
        try
        {
            database = services.GetRequiredService<Database>();
        }
        catch (StartupException ex)
        {
            lines.Add(DoctorLine.Fail("database", ex.Message));
            database = null;
        }
        var reachable = database is not null && await CheckDatabaseAsync(database, lines, cancellationToken);
        if (reachable && CheckMigrations(lines))
        {
            await LoadStoredConfigurationAsync(lines, cancellationToken);
        }
        lines.AddRange(ConfigurationLines());
        lines.Add(Theme());
        foreach (var folder in Folders(database))
        {
            lines.Add(CheckFolder(folder));
        }
        if (reachable)
        {
            lines.Add(InstallSecretLine(database!));
            lines.Add(KeysLine(database!));
        }
        lines.Add(PublicAddress());
        lines.Add(await ClockAsync(reachable ? database : null, cancellationToken));
        lines.Add(await RedisPing.CheckAsync(configuration[RedisPing.Key], cancellationToken));
        return lines;
    }

    private async Task<bool> CheckDatabaseAsync(Database database, List<DoctorLine> lines, CancellationToken cancellationToken)
    {
        try
        {
            services.GetRequiredService<Preflight>().EnsureSiteExists();
            await Preflight.CheckConnectionAsync(database, cancellationToken);
            await using var connection = await database.OpenAsync(cancellationToken);
            var version = await connection.ExecuteScalarAsync<string>(database is SqliteDatabase ? "select 'SQLite ' || sqlite_version()" : "select 'PostgreSQL ' || current_setting('server_version')");
            lines.Add(DoctorLine.Ok("database", $"the {database.Url.Display} answers ({version})."));
            return true;
        }
        catch (StartupException ex)
        {
            lines.Add(DoctorLine.Fail("database", ex.Message));
            return false;
        }
        catch (DbException ex)
        {
            lines.Add(DoctorLine.Fail("database", $"the {database.Url.Display} answered, then failed: {ex.Message}"));
            return false;
        }
    }

    private bool CheckMigrations(List<DoctorLine> lines)
    {
        var migrator = services.GetRequiredService<SchemaMigrator>();
        try
        {
            var pending = migrator.Pending();
            if (pending.Count == 0)
            {
                lines.Add(DoctorLine.Ok("migrations", $"all {migrator.KnownScripts().Count} of this build's migrations are applied."));
                return true;
            }
            lines.Add(DoctorLine.Fail("migrations", $"{pending.Count} pending: {string.Join(", ", pending.Select(script => script.Name))}. Run 'gazette migrate' (serve also migrates as it starts)."));
        }
        catch (DbException ex)
        {
            lines.Add(DoctorLine.Fail("migrations", $"the migration journal cannot be read: {ex.Message}"));
        }
        return false;
    }

    private async Task LoadStoredConfigurationAsync(List<DoctorLine> lines, CancellationToken cancellationToken)
    {
        foreach (var stored in services.GetServices<IStoredConfiguration>())
        {
            try
            {
                await stored.LoadAsync(cancellationToken);
            }
            catch (DbException ex)
            {
                lines.Add(DoctorLine.Fail("configuration", $"the settings kept in the database cannot be read: {ex.Message}"));
            }
        }
    }

    private IEnumerable<DoctorLine> ConfigurationLines() =>
        configuration is IConfigurationRoot root
            ? ConfigurationOrigins.Describe(root).Select(entry => DoctorLine.Ok("configuration", $"{entry.Key} = {entry.Value} (from {entry.Origin})."))
            : [];

    private DoctorLine Theme()
    {
        try
        {
            services.GetRequiredService<ThemeRenderer>();
            return configuration[ThemeRenderer.ThemePathKey] is { Length: > 0 } folder
                ? DoctorLine.Ok("theme", $"{Path.GetFullPath(folder)}, over the default theme built into gazette.")
                : DoctorLine.Ok("theme", "the default theme built into gazette.");
        }
        catch (Exception ex) when (ex is StartupException or ThemeException)
        {
            return DoctorLine.Fail("theme", ex.Message);
        }
    }

    private IEnumerable<SiteFolder> Folders(Database? database)
    {
        if (database is SqliteDatabase sqlite)
        {
            yield return new SiteFolder("data folder", sqlite.Url.DataFolder);
        }
        foreach (var folder in services.GetServices<SiteFolder>())
        {
            yield return folder;
        }
    }

    private static DoctorLine CheckFolder(SiteFolder folder)
    {
        var path = Path.GetFullPath(folder.Path);
        var existing = path;
        while (!Directory.Exists(existing) && Path.GetDirectoryName(existing) is { } parent)
        {
            existing = parent;
        }
        try
        {
            var probe = Path.Combine(existing, $".doctor-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return DoctorLine.Fail(folder.Purpose, $"{existing} is not writable ({ex.Message}).");
        }
        var free = new DriveInfo(existing).AvailableFreeSpace;
        var where = existing == path ? $"{path} is writable" : $"{path} does not exist yet; {existing}, where it will be made, is writable";
        var room = $"{Size(free)} free";
        return free switch
        {
            < FailBelowBytes => DoctorLine.Fail(folder.Purpose, $"{where} but has only {room}: writes will fail soon."),
            < WarnBelowBytes => DoctorLine.Warn(folder.Purpose, $"{where} but has only {room}."),
            _ => DoctorLine.Ok(folder.Purpose, $"{where}, {room}."),
        };
    }

    private static string Size(long bytes) => bytes >= 1024L * 1024 * 1024
        ? (bytes / (1024.0 * 1024 * 1024)).ToString("0.0 GB", CultureInfo.InvariantCulture)
        : (bytes / (1024.0 * 1024)).ToString("0 MB", CultureInfo.InvariantCulture);

    private static DoctorLine InstallSecretLine(Database database)
    {
        const string name = "install secret";
        try
        {
            if (InstallSecretStore.LoadExisting(database) is null)
            {
                return DoctorLine.Warn(name, "there is none yet: the next serve makes one.");
            }
            if (database is SqliteDatabase sqlite)
            {
                var path = Path.Combine(sqlite.Url.DataFolder, InstallSecretStore.FileName);
                var others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;
                return !OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & others) != 0
                    ? DoctorLine.Warn(name, $"{path} is readable by other users: chmod 600 it.")
                    : DoctorLine.Ok(name, $"{path} is readable and whole.");
            }
            return DoctorLine.Ok(name, "the secrets table holds it, whole.");
        }
        catch (Exception ex) when (ex is StartupException or DbException)
        {
            return DoctorLine.Fail(name, ex.Message);
        }
    }

    private DoctorLine KeysLine(Database database)
    {
        const string name = "keys";
        IReadOnlyList<XElement> elements;
        string where;
        try
        {
            if (database is SqliteDatabase sqlite)
            {
                var folder = Path.Combine(sqlite.Url.DataFolder, SecurityServiceCollectionExtensions.KeysFolderName);
                where = folder;
                elements = Directory.Exists(folder)
                    ? [.. Directory.EnumerateFiles(folder, "*.xml").Select(file => XElement.Load(file))]
                    : [];
            }
            else
            {
                where = "the database";
                elements = [.. services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository!.GetAllElements()];
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or XmlException or DbException)
        {
            return DoctorLine.Fail(name, $"the data-protection keys cannot be read: {ex.Message}");
        }
        var now = time.GetUtcNow();
        var keys = elements.Where(element => element.Name.LocalName == "key").ToList();
        var current = keys.Count(key => DateTimeOffset.TryParse(key.Element("expirationDate")?.Value, CultureInfo.InvariantCulture, out var expires) && expires > now);
        return current > 0
            ? DoctorLine.Ok(name, $"{keys.Count} data-protection key(s) in {where} read, {current} current.")
            : DoctorLine.Warn(name, $"no current data-protection key in {where}: the next serve makes one (sign-ins and forms made with older keys stop working).");
    }

    private DoctorLine PublicAddress()
    {
        const string name = "public address";
        var urls = configuration["urls"] is { Length: > 0 } configured ? configured : ServeCommand.DefaultUrls;
        var addresses = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var baseUrl = configuration["Gazette:Site:BaseUrl"];
        if (string.IsNullOrWhiteSpace(baseUrl))
        {
            return addresses.FirstOrDefault(address => !ServeCommand.IsLoopback(address)) is { } exposed
                ? DoctorLine.Fail(name, $"gazette would listen on {exposed}, a public address, and Gazette:Site:BaseUrl is not set: canonical links would take whatever host a request names. Set it to the address readers use.")
                : DoctorLine.Ok(name, $"gazette listens on loopback only ({urls}); links take the host the proxy in front forwards.");
        }
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return DoctorLine.Fail(name, $"Gazette:Site:BaseUrl '{baseUrl}' is not an absolute http or https address.");
        }
        return uri.Scheme == "http" && !uri.IsLoopback
            ? DoctorLine.Warn(name, $"Gazette:Site:BaseUrl is {baseUrl}: readers are sent to plain HTTP; use https once TLS is in front.")
            : DoctorLine.Ok(name, $"canonical links use {baseUrl}.");
    }

    private async Task<DoctorLine> ClockAsync(Database? database, CancellationToken cancellationToken)
    {
        if (database is not PostgresDatabase)
        {
            return ClockCheck.Judge(time.GetUtcNow(), null);
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        var before = time.GetUtcNow();
        var server = await connection.ExecuteScalarAsync<DateTime>("select now()");
        var after = time.GetUtcNow();
        var local = before + ((after - before) / 2);
        return ClockCheck.Judge(local, new DateTimeOffset(DateTime.SpecifyKind(server.ToUniversalTime(), DateTimeKind.Utc)));
    }
}
