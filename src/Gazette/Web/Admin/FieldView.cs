namespace Gazette.Web.Admin;

/// <summary>
/// One text field of a newsroom form for the shared partial <c>/Web/Admin/_Field.cshtml</c>:
/// its value as typed, its hint, and its error beside it (tied to the input by aria-describedby).
/// </summary>
public sealed record FieldView(string Name, string Label, string? Value, IReadOnlyDictionary<string, string> Errors, string Hint = "", string Autocomplete = "off", string Type = "text");
