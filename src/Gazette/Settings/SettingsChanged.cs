namespace Gazette.Settings;

/// <summary>An administrator saved settings: every node rereads them all and drops its cached pages.</summary>
public sealed record SettingsChanged;
