namespace Gazette.Media.Admin;

/// <summary>The upload form: the alt text as typed and the errors by field.</summary>
public sealed record UploadView(string? Alt, IReadOnlyDictionary<string, string> Errors);
