namespace Gazette.Rendering;

/// <summary>A theme template that does not parse, is missing, or breaks a rendering limit.</summary>
public sealed class ThemeException(string message, Exception? inner = null) : Exception(message, inner);
