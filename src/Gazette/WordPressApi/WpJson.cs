using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gazette.WordPressApi;

/// <summary>Writes an API answer: JSON in UTF-8, as WordPress sends it.</summary>
public static class WpJson
{
    public const string ContentType = "application/json; charset=UTF-8";

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = false };

    public static IResult Result(JsonNode body, int status = StatusCodes.Status200OK) =>
        Results.Text(body.ToJsonString(Options), ContentType, System.Text.Encoding.UTF8, status);
}
