namespace Gazette.Tests.Import;

/// <summary>A response's status line and header fields as capture.sh saved them (one field a line, CRs removed).</summary>
public sealed record CapturedHeaders(int Status, IReadOnlyList<KeyValuePair<string, string>> Fields)
{
    public static CapturedHeaders Parse(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var fields = lines.Skip(1)
            .Select(line => line.Split(':', 2))
            .Select(parts => KeyValuePair.Create(parts[0], parts[1].Trim()))
            .ToList();
        return new CapturedHeaders(status, fields);
    }

    /// <summary>The field's value, or null; field names compare as HTTP does, ignoring case.</summary>
    public string? this[string name] =>
        Fields.Where(field => string.Equals(field.Key, name, StringComparison.OrdinalIgnoreCase)).Select(field => field.Value).FirstOrDefault();
}
