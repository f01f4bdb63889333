using Dapper;
using Gazette.Events;
using Gazette.Settings.Contracts;
using Gazette.Storage;

namespace Gazette.Settings;

/// <summary>
/// Site settings edited by administrators (site title, discussion rules ...).
/// Configuration, when it names a setting, wins over what is stored here.
/// </summary>
public sealed class SettingsStore(Database database, TimeProvider time) : ISettings
{
    public async Task<string?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "select value from settings where key = @key", new { key }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyDictionary<string, string>> GetAllAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Key, string Value)>(new CommandDefinition(
            "select key, value from settings order by key", cancellationToken: cancellationToken));
        return rows.ToDictionary(row => row.Key, row => row.Value, StringComparer.Ordinal);
    }

    /// <summary>Stores the setting only if it is absent; true when this call stored it.</summary>
    public async Task<bool> TryAddAsync(string key, string value, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "insert into settings (key, value, updated_at) values (@key, @value, @now) on conflict (key) do nothing",
            new { key, value, now = time.GetUtcNow() },
            cancellationToken: cancellationToken)) == 1;
    }

    public async Task SetAsync(string key, string value, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            insert into settings (key, value, updated_at) values (@key, @value, @now)
            on conflict (key) do update set value = excluded.value, updated_at = excluded.updated_at
            """,
            new { key, value, now = time.GetUtcNow() },
            cancellationToken: cancellationToken));
    }

    public async Task<bool> AddLineAsync(UnitOfWork work, string key, string line, CancellationToken cancellationToken = default)
    {
        var current = await work.Connection.QuerySingleOrDefaultAsync<string>(work.Command(
            "select value from settings where key = @key", new { key }, cancellationToken));
        if (Lines(current).Contains(line, StringComparer.Ordinal))
        {
            return false;
        }
        // One statement appends, so two moderators adding at once both land.
        await work.Connection.ExecuteAsync(work.Command(
            """
            insert into settings (key, value, updated_at) values (@key, @line, @now)
            on conflict (key) do update set value = case when settings.value = '' then excluded.value else settings.value || @newline || excluded.value end,
                                            updated_at = excluded.updated_at
            """,
            new { key, line, newline = "\n", now = time.GetUtcNow() }, cancellationToken));
        return true;
    }

    public async Task<bool> RemoveLineAsync(UnitOfWork work, string key, string line, CancellationToken cancellationToken = default)
    {
        // Compare-and-set: a line added by someone else meanwhile is never lost; the loser of a race reads again.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var current = await work.Connection.QuerySingleOrDefaultAsync<string>(work.Command(
                "select value from settings where key = @key", new { key }, cancellationToken));
            var lines = Lines(current);
            if (!lines.Contains(line, StringComparer.Ordinal))
            {
                return false;
            }
            var kept = string.Join('\n', lines.Where(entry => !string.Equals(entry, line, StringComparison.Ordinal)));
            if (await work.Connection.ExecuteAsync(work.Command(
                "update settings set value = @kept, updated_at = @now where key = @key and value = @current",
                new { key, kept, current, now = time.GetUtcNow() }, cancellationToken)) == 1)
            {
                return true;
            }
        }
        throw new InvalidOperationException($"The setting {key} kept changing while a line was removed from it.");
    }

    public async Task SetAsync(UnitOfWork work, string key, string? value, CancellationToken cancellationToken = default)
    {
        await work.Connection.ExecuteAsync(value is null
            ? work.Command("delete from settings where key = @key", new { key }, cancellationToken)
            : work.Command(
                """
                insert into settings (key, value, updated_at) values (@key, @value, @now)
                on conflict (key) do update set value = excluded.value, updated_at = excluded.updated_at
                """,
                new { key, value, now = time.GetUtcNow() }, cancellationToken));
        await work.RaiseAsync(new SettingsChanged(), cancellationToken);
    }

    /// <summary>The entries of a one-a-line setting.</summary>
    public static IReadOnlyList<string> Lines(string? value) =>
        (value ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
