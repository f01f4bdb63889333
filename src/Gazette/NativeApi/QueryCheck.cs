using System.Globalization;

namespace Gazette.NativeApi;

/// <summary>Reads paging parameters, collecting a sentence per bad field.</summary>
public sealed class QueryCheck
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public IDictionary<string, string[]> Errors => _errors;

    public void Fail(string field, string message) => _errors[field] = [message];

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>, or <paramref name="fallback"/> when absent.</summary>
    public int Number(string? text, string field, int fallback, int min, int max)
    {
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }
        Fail(field, string.Create(CultureInfo.InvariantCulture, $"{field} is a whole number from {min} to {max}."));
        return fallback;
    }
}
