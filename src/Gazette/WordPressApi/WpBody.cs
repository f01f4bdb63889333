using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gazette.WordPressApi;

/// <summary>
/// A write's parameters as WordPress reads them: the query string, then the
/// body (JSON or a form) over it. Values are kept as text; null when the JSON is broken.
/// </summary>
public static class WpBody
{
    public static async Task<Dictionary<string, string>?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in request.Query)
        {
            values[key] = value.ToString();
        }
        if (request.HasFormContentType)
        {
            foreach (var (key, value) in await request.ReadFormAsync(cancellationToken))
            {
                values[key] = value.Count > 0 ? value[0] ?? "" : "";
            }
            return values;
        }
        if (request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return values;
        }
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
        if (body is not JsonObject fields)
        {
            return body is null ? values : null;
        }
        foreach (var (key, value) in fields)
        {
            if (value is JsonValue scalar)
            {
                values[key] = scalar.GetValueKind() == JsonValueKind.String ? scalar.GetValue<string>() : scalar.ToJsonString();
            }
            else if (value is JsonObject { } inner && inner["raw"] is JsonValue raw && raw.GetValueKind() == JsonValueKind.String)
            {
                // WordPress also takes content as { "raw": "..." }.
                values[key] = raw.GetValue<string>();
            }
        }
        return values;
    }

    public static IResult InvalidJson() => WpError.Of("rest_invalid_json", "Invalid JSON body passed.", StatusCodes.Status400BadRequest);
}
