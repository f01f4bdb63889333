namespace Gazette.Settings.Contracts;

public enum SettingKind
{
    Text,
    Number,
    Switch,
    Lines,
}

/// <summary>
/// One setting an administrator may change on the settings page: its
/// configuration key (what an options class binds), how it is edited, its
/// bounds and the options class's own default. A module registers its own
/// (<c>services.AddSingleton(new EditableSetting(...))</c>). <see cref="Check"/>
/// says why a text value cannot be saved (null when it can); a setting with a
/// <see cref="HistoryKey"/> keeps each value it replaces there, one a line,
/// for whoever must still understand the old one (old permalinks).
/// </summary>
public sealed record EditableSetting(string Key, string Group, string Label, SettingKind Kind, string Default, string Hint = "", int Min = 0, int Max = 0)
{
    public Func<string, string?>? Check { get; init; }

    public string? HistoryKey { get; init; }

    public const string Prefix = "Gazette:";

    /// <summary>The form field's name and id: the key without the common prefix, dots for colons.</summary>
    public string Field => Key[Prefix.Length..].Replace(':', '.');
}
