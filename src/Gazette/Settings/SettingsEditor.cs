using System.Globalization;
using Dapper;
using Gazette.Events;
using Gazette.Settings.Contracts;
using Gazette.Web;

namespace Gazette.Settings;

/// <summary>What the settings page shows of one setting.</summary>
public sealed record SettingValue(EditableSetting Setting, string Value, bool Locked);

/// <summary>
/// Reads and saves the editable settings. A setting that configuration names
/// (appsettings, the environment, the command line) is locked: shown, never
/// saved. A save is one unit of work raising <see cref="SettingsChanged"/>, which
/// every node follows within a second.
/// </summary>
public sealed class SettingsEditor(UnitsOfWork units, IEnumerable<EditableSetting> settings, IConfiguration configuration, DatabaseConfigurationSource source, TimeProvider time)
{
    public const int MaxTextLength = 200;
    public const int MaxLines = 2000;

    public IReadOnlyList<SettingValue> Current() =>
        [.. settings.Select(setting => new SettingValue(setting, Read(setting), IsLocked(setting)))];

    /// <summary>Saves what was posted; errors by field name, nothing saved when there are any.</summary>
    public async Task<IReadOnlyDictionary<string, string>> SaveAsync(NewsroomUser user, IReadOnlyDictionary<string, string?> posted, CancellationToken cancellationToken = default)
    {
        if (!user.IsAdministrator)
        {
            throw new UnauthorizedAccessException("Only administrators change settings.");
        }
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var values = new Dictionary<EditableSetting, string[]>();
        foreach (var setting in settings.Where(setting => !IsLocked(setting)))
        {
            var text = posted.GetValueOrDefault(setting.Field)?.Trim() ?? "";
            if (Parse(setting, text, out var stored) is { } problem)
            {
                errors[setting.Field] = problem;
            }
            else
            {
                values[setting] = stored;
            }
        }
        if (errors.Count > 0)
        {
            return errors;
        }
        await using var work = await units.BeginAsync(cancellationToken);
        foreach (var (setting, stored) in values)
        {
            if (setting.HistoryKey is { } history && Read(setting) is var replaced && replaced != stored[0])
            {
                await KeepAsync(work, history, replaced, cancellationToken);
            }
            await work.Connection.ExecuteAsync(new CommandDefinition(
                "delete from settings where key = @key or key like @children",
                new { key = setting.Key, children = setting.Key + ":%" }, work.Transaction, cancellationToken: cancellationToken));
            var rows = setting.Kind == SettingKind.Lines
                ? stored.Select((line, index) => (Key: string.Create(CultureInfo.InvariantCulture, $"{setting.Key}:{index}"), Value: line))
                : [(setting.Key, stored[0])];
            await work.Connection.ExecuteAsync(new CommandDefinition(
                "insert into settings (key, value, updated_at) values (@Key, @Value, @now)",
                rows.Select(row => new { row.Key, row.Value, now = time.GetUtcNow() }), work.Transaction, cancellationToken: cancellationToken));
        }
        await work.RaiseAsync(new SettingsChanged(), cancellationToken);
        await work.AuditAsync(new AuditActor(user.Id, user.Name), "settings.changed", "settings", "site", string.Join(", ", values.Keys.Select(setting => setting.Key)), cancellationToken);
        await work.CommitAsync(cancellationToken);
        return errors;
    }

    /// <summary>Adds a replaced value to its history (once), as the next child of <paramref name="historyKey"/>.</summary>
    private async Task KeepAsync(UnitOfWork work, string historyKey, string replaced, CancellationToken cancellationToken)
    {
        var kept = (await work.Connection.QueryAsync<string>(work.Command(
            "select value from settings where key like @children", new { children = historyKey + ":%" }, cancellationToken))).AsList();
        if (!kept.Contains(replaced, StringComparer.Ordinal))
        {
            await work.Connection.ExecuteAsync(work.Command(
                "insert into settings (key, value, updated_at) values (@key, @replaced, @now)",
                new { key = string.Create(CultureInfo.InvariantCulture, $"{historyKey}:{kept.Count}"), replaced, now = time.GetUtcNow() }, cancellationToken));
        }
    }

    /// <summary>Set by a source other than the admin's own (the settings table)?</summary>
    public bool IsLocked(EditableSetting setting) =>
        configuration is IConfigurationRoot root && root.Providers
            .Where(provider => provider != source.Provider)
            .Any(provider => provider.TryGet(setting.Key, out _) || provider.GetChildKeys([], setting.Key).Any());

    private string Read(EditableSetting setting) => setting.Kind == SettingKind.Lines
        ? string.Join('\n', configuration.GetSection(setting.Key).GetChildren().Select(child => child.Value).OfType<string>())
        : configuration[setting.Key] ?? setting.Default;

    private static string? Parse(EditableSetting setting, string text, out string[] stored)
    {
        stored = [text];
        switch (setting.Kind)
        {
            case SettingKind.Text:
                return text.Length == 0 ? $"{setting.Label} cannot be empty."
                    : text.Length > MaxTextLength ? $"{setting.Label} can have at most {MaxTextLength} characters."
                    : text.Any(char.IsControl) ? $"{setting.Label} cannot contain control characters."
                    : setting.Check?.Invoke(text);
            case SettingKind.Number:
                if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) || number < setting.Min || number > setting.Max)
                {
                    return string.Create(CultureInfo.InvariantCulture, $"Enter a whole number from {setting.Min} to {setting.Max}.");
                }
                stored = [number.ToString(CultureInfo.InvariantCulture)];
                return null;
            case SettingKind.Switch:
                stored = [text is "true" or "on" ? "true" : "false"];
                return null;
            default:
                stored = [.. text.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];
                return stored.Length > MaxLines ? $"At most {MaxLines} lines."
                    : stored.Any(line => line.Any(char.IsControl)) ? "A line cannot contain control characters."
                    : null;
        }
    }
}
