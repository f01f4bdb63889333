using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gazette.Rendering;

namespace Gazette.WordPressApi;

/// <summary>
/// A write's parameters as WordPress takes them: the query string, then a JSON
/// or form body over it (<c>title=x</c>, <c>title[raw]=x</c>, <c>tags[]=1</c>,
/// <c>tags=1,2</c>, or JSON with strings, numbers and <c>{"raw": ...}</c>). Each
/// problem is kept by name for one <c>rest_invalid_param</c> answer.
/// </summary>
public sealed partial class WpWriteParams
{
    private readonly JsonObject _values;
    private readonly SiteTime _time;
    private readonly Dictionary<string, WpProblem> _problems = new(StringComparer.Ordinal);

    private WpWriteParams(JsonObject values, SiteTime time)
    {
        _values = values;
        _time = time;
    }

    public IReadOnlyDictionary<string, WpProblem> Problems => _problems;

    public bool IsValid => _problems.Count == 0;

    /// <summary>The parameters, or WordPress's <c>rest_invalid_json</c> answer for a body that is not JSON.</summary>
    public static async Task<(WpWriteParams? Body, IResult? Refusal)> ReadAsync(HttpRequest request, SiteTime time)
    {
        var values = new JsonObject();
        foreach (var (key, value) in request.Query)
        {
            Add(values, key, value.ToString());
        }
        if (request.HasJsonContentType())
        {
            using var reader = new StreamReader(request.Body);
            var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
            if (text.Trim().Length > 0)
            {
                JsonNode? parsed;
                try
                {
                    parsed = JsonNode.Parse(text);
                }
                catch (JsonException)
                {
                    parsed = null;
                }
                if (parsed is not JsonObject json)
                {
                    return (null, WpError.Of("rest_invalid_json", "Invalid JSON body passed.", StatusCodes.Status400BadRequest,
                        new JsonObject { ["json_error_code"] = 4, ["json_error_message"] = "Syntax error" }));
                }
                foreach (var (key, value) in json.ToList())
                {
                    json.Remove(key);
                    values[key] = value;
                }
            }
        }
        else if (request.HasFormContentType)
        {
            foreach (var (key, value) in await request.ReadFormAsync(request.HttpContext.RequestAborted))
            {
                foreach (var one in value)
                {
                    Add(values, key, one ?? "");
                }
            }
        }
        return (new WpWriteParams(values, time), null);
    }

    /// <summary><c>a=x</c> is a value, <c>a[]=x</c> adds to a list, <c>a[raw]=x</c> sets a key of an object.</summary>
    private static void Add(JsonObject values, string key, string value)
    {
        var bracket = key.IndexOf('[', StringComparison.Ordinal);
        if (bracket <= 0 || !key.EndsWith(']'))
        {
            values[key] = value;
            return;
        }
        var name = key[..bracket];
        var inner = key[(bracket + 1)..^1];
        if (inner.Length == 0)
        {
            if (values[name] is not JsonArray list)
            {
                list = [];
                values[name] = list;
            }
            list.Add(value);
        }
        else
        {
            if (values[name] is not JsonObject item)
            {
                item = [];
                values[name] = item;
            }
            item[inner] = value;
        }
    }

    public bool Has(string name) => _values.TryGetPropertyValue(name, out var value) && value is not null;

    /// <summary>A text field: a string, or WordPress's <c>{"raw": ...}</c>.</summary>
    public string? Text(string name)
    {
        var value = _values[name];
        if (value is JsonObject item)
        {
            value = item["raw"];
        }
        switch (value)
        {
            case null:
                return null;
            case JsonValue text when text.TryGetValue<string>(out var s):
                return s;
            default:
                Add(name, "rest_invalid_type", $"{name} is not of type object.");
                return null;
        }
    }

    public string? OneOf(string name, params string[] allowed)
    {
        var value = Plain(name, "string");
        if (value is null || allowed.Contains(value, StringComparer.Ordinal))
        {
            return value;
        }
        Add(name, "rest_not_in_enum", $"{name} is not one of {string.Join(", ", allowed)}.");
        return null;
    }

    public long? Number(string name)
    {
        var value = Plain(name, "integer");
        if (value is null)
        {
            return null;
        }
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }
        Add(name, "rest_invalid_type", $"{name} is not of type integer.");
        return null;
    }

    public bool? Flag(string name)
    {
        switch (Plain(name, "boolean")?.ToLowerInvariant())
        {
            case null:
                return null;
            case "1" or "true":
                return true;
            case "0" or "false" or "":
                return false;
            default:
                Add(name, "rest_invalid_type", $"{name} is not of type boolean.");
                return null;
        }
    }

    /// <summary>A list of ids: an array, or <c>1,2</c>.</summary>
    public IReadOnlyList<long>? Ids(string name)
    {
        var value = _values[name];
        if (value is null)
        {
            return null;
        }
        IEnumerable<JsonNode?> items = value is JsonArray array ? array
            : value is JsonValue one && one.TryGetValue<string>(out var text) ? text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(part => (JsonNode?)part)
            : [value];
        var ids = new List<long>();
        var index = 0;
        foreach (var item in items)
        {
            if (Scalar(item) is { } scalar && long.TryParse(scalar, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                ids.Add(id);
            }
            else
            {
                Add(name, "rest_invalid_type", $"{name}[{index}] is not of type integer.");
                return null;
            }
            index++;
        }
        return ids;
    }

    /// <summary>A date as WordPress takes it: ISO 8601; without an offset, in the site's zone, or in UTC for a <c>_gmt</c> field.</summary>
    public DateTimeOffset? Date(string name, bool gmt)
    {
        var text = Plain(name, "string");
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (Offset().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var exact))
        {
            return exact;
        }
        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var wallClock))
        {
            var unspecified = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
            return gmt ? new DateTimeOffset(unspecified, TimeSpan.Zero) : _time.FromLocal(unspecified);
        }
        Add(name, "rest_invalid_date", "Invalid date.");
        return null;
    }

    public void Refuse(string name, string problem) => Add(name, "rest_invalid_param", problem);

    private void Add(string name, string code, string message) => _problems.TryAdd(name, new WpProblem(code, message));

    private string? Plain(string name, string type)
    {
        var value = _values[name];
        if (value is null)
        {
            return null;
        }
        if (Scalar(value) is { } text)
        {
            return text;
        }
        Add(name, "rest_invalid_type", $"{name} is not of type {type}.");
        return null;
    }

    private static string? Scalar(JsonNode? node) => node is not JsonValue value ? null : value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.Number => value.ToJsonString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    [GeneratedRegex(@"(Z|[+-]\d\d:?\d\d)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Offset();
}
