using System.Globalization;
using System.Text.RegularExpressions;
using Gazette.Rendering;
using Microsoft.Extensions.Primitives;

namespace Gazette.WordPressApi;

/// <summary>
/// The query parameters of one request, read as WordPress reads them: a list
/// as <c>a=1,2</c>, <c>a=1&amp;a=2</c> or <c>a[]=1</c>; each problem kept by
/// name so that the answer lists them all (<see cref="WpError.InvalidParams"/>).
/// </summary>
/// <summary>What is wrong with one parameter: WordPress's code for it and its message.</summary>
public sealed record WpProblem(string Code, string Message);

public sealed partial class WpQuery(HttpRequest request, SiteTime siteTime)
{
    public const int MaxPerPage = 100;

    private readonly Dictionary<string, WpProblem> _problems = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, WpProblem> Problems => _problems;

    public bool IsValid => _problems.Count == 0;

    public int Page() => Integer("page", 1, 1, int.MaxValue, "page must be greater than or equal to 1 (inclusive)");

    public int PerPage() => Integer("per_page", 10, 1, MaxPerPage, $"per_page must be between 1 (inclusive) and {MaxPerPage} (inclusive)");

    public string? Text(string name) => Values(name).FirstOrDefault(value => value.Length > 0);

    public IReadOnlyList<string> Strings(string name) =>
        [.. Values(name).SelectMany(value => value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))];

    public IReadOnlyList<long> Ids(string name)
    {
        var ids = new List<long>();
        var index = 0;
        foreach (var value in Strings(name))
        {
            if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                ids.Add(id);
            }
            else
            {
                Add(name, "rest_invalid_type", $"{name}[{index}] is not of type integer.");
            }
            index++;
        }
        return ids;
    }

    /// <summary>A date as WordPress takes it: ISO 8601, in the site's time zone when it names no offset.</summary>
    public DateTimeOffset? Date(string name)
    {
        var text = Text(name);
        if (text is null)
        {
            return null;
        }
        if (Offset().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var exact))
        {
            return exact;
        }
        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var wallClock))
        {
            return siteTime.FromLocal(DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified));
        }
        Add(name, "rest_invalid_date", "Invalid date.");
        return null;
    }

    public string OneOf(string name, string fallback, params string[] allowed)
    {
        var value = Text(name);
        if (value is null)
        {
            return fallback;
        }
        if (allowed.Contains(value, StringComparer.Ordinal))
        {
            return value;
        }
        Add(name, "rest_not_in_enum", $"{name} is not one of {string.Join(", ", allowed)}.");
        return fallback;
    }

    public bool Flag(string name, bool fallback)
    {
        var value = Text(name);
        switch (value?.ToLowerInvariant())
        {
            case null:
                return fallback;
            case "1" or "true":
                return true;
            case "0" or "false":
                return false;
            default:
                Add(name, "rest_invalid_type", $"{name} is not of type boolean.");
                return fallback;
        }
    }

    public bool Has(string name) => request.Query.ContainsKey(name) || request.Query.ContainsKey(name + "[]");

    public void Refuse(string name, string problem, string code = "rest_invalid_param") => Add(name, code, problem);

    private void Add(string name, string code, string message) => _problems.TryAdd(name, new WpProblem(code, message));

    private int Integer(string name, int fallback, int min, int max, string problem)
    {
        var value = Text(name);
        if (value is null)
        {
            return fallback;
        }
        if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            Add(name, "rest_invalid_type", $"{name} is not of type integer.");
            return fallback;
        }
        if (number < min || number > max)
        {
            Add(name, "rest_out_of_bounds", problem);
            return fallback;
        }
        return number;
    }

    private IEnumerable<string> Values(string name)
    {
        StringValues plain = request.Query[name], bracketed = request.Query[name + "[]"];
        return plain.Concat(bracketed).OfType<string>().Select(value => value.Trim());
    }

    [GeneratedRegex(@"(Z|[+-]\d\d:?\d\d)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Offset();
}
