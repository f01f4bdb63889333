namespace Gazette.Settings;

/// <summary>An administrator saved settings: every node rereads them and drops its cached pages.</summary>
public sealed record SettingsChanged(IReadOnlyList<string> Keys);
