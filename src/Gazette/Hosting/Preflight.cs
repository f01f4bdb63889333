using System.Data.Common;
using Gazette.Kernel;
using Gazette.Security;
using Gazette.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Gazette.Hosting;

/// <summary>
/// Everything that must hold before Gazette serves a request: the configuration
/// parses, the data folder is writable, the database answers and is migrated,
/// the install secret and data-protection keys exist, and the modules' start-up
/// tasks have run (a new site's sample article). Each failure becomes a
/// <see cref="StartupException"/> naming the problem in one line.
/// </summary>
public sealed class Preflight(IServiceProvider services, ILogger<Preflight> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlyList<string>? _applied;
    private bool _startupTasksDone;

    /// <summary>Idempotent: the serve command runs it before the host starts, the host again (a no-op) as it starts.</summary>
    public Task<IReadOnlyList<string>> RunAsync(CancellationToken cancellationToken = default) =>
        RunAsync(startupTasks: true, cancellationToken);

    /// <summary>
    /// Everything but the modules' start-up tasks: what <c>gazette migrate</c> does,
    /// so that migrating ahead of a deployment changes the schema and nothing a reader sees.
    /// </summary>
    public Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default) =>
        RunAsync(startupTasks: false, cancellationToken);

    /// <summary>
    /// For commands that work on a site rather than make one. Checked before anything
    /// else, which would create the SQLite file and its folder; a PostgreSQL database
    /// is made by its administrator, so there is nothing to check there.
    /// </summary>
    public void EnsureSiteExists()
    {
        if (services.GetRequiredService<Database>() is SqliteDatabase { Url: var url } && !File.Exists(url.Path))
        {
            throw new StartupException($"No Gazette site at {url.DataFolder} (looked for {url.Path}). Run 'gazette serve' or 'gazette migrate' there first, or point --database at the site.");
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<IReadOnlyList<string>> RunAsync(bool startupTasks, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _applied ??= await PrepareDatabaseAsync(cancellationToken);
            if (startupTasks && !_startupTasksDone)
            {
                foreach (var task in services.GetServices<IStartupTask>())
                {
                    await task.RunAsync(cancellationToken);
                }
                _startupTasksDone = true;
            }
            return _applied;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IReadOnlyList<string>> PrepareDatabaseAsync(CancellationToken cancellationToken)
    {
        var database = services.GetRequiredService<Database>();
        if (database is SqliteDatabase sqlite)
        {
            EnsureWritableFolder(sqlite.Url.DataFolder);
        }
        await CheckConnectionAsync(database, cancellationToken);
        if (database is SqliteDatabase walCandidate)
        {
            await walCandidate.EnableWriteAheadLogAsync(cancellationToken);
        }
        var applied = await services.GetRequiredService<SchemaMigrator>().MigrateAsync(cancellationToken);
        services.GetRequiredService<InstallSecret>();
        EnsureDataProtectionKey();
        logger.LogDebug("Preflight passed for {Database}", database.Url.Display);
        return applied;
    }

    public static void EnsureWritableFolder(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".write-test-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StartupException($"Data folder {folder} is not writable: {ex.Message}", ex);
        }
    }

    /// <summary>Opens and closes one connection; a failure is a <see cref="StartupException"/> saying why in one line.</summary>
    public static async Task CheckConnectionAsync(Database database, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is DbException or IOException or TimeoutException or ArgumentException)
        {
            var reason = ex switch
            {
                NpgsqlException { InnerException: { } inner } => inner.Message,
                SqliteException sqlite => sqlite.Message.Replace("SQLite Error ", "SQLite error ", StringComparison.Ordinal),
                _ => ex.Message,
            };
            throw new StartupException($"Cannot open the {database.Url.Display}: {reason}", ex);
        }
    }

    /// <summary>Made now rather than at the first request, so a first run leaves its keys behind even if it serves nothing.</summary>
    private void EnsureDataProtectionKey()
    {
        var protector = services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Gazette.Preflight");
        protector.Unprotect(protector.Protect([1]));
    }
}

/// <summary>Runs <see cref="Preflight"/> before any other hosted service starts.</summary>
internal sealed class PreflightHostedService(Preflight preflight) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => preflight.RunAsync(cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
