using System.Text.Json.Nodes;

namespace Gazette.WordPressApi;

/// <summary>WordPress's error shape: <c>{ "code", "message", "data": { "status" } }</c>, which its clients read.</summary>
public static class WpError
{
    public static IResult Of(string code, string message, int status, JsonObject? data = null)
    {
        data ??= [];
        data["status"] = status;
        return WpJson.Result(new JsonObject { ["code"] = code, ["message"] = message, ["data"] = data }, status);
    }

    public static IResult NoRoute() => Of("rest_no_route", "No route was found matching the URL and request method.", StatusCodes.Status404NotFound);

    public static IResult InvalidPostId() => Of("rest_post_invalid_id", "Invalid post ID.", StatusCodes.Status404NotFound);

    public static IResult InvalidPage(string code) =>
        Of(code, "The page number requested is larger than the number of pages available.", StatusCodes.Status400BadRequest);

    /// <summary>WordPress's answer to bad query parameters: one message per parameter, by name.</summary>
    public static IResult InvalidParams(IReadOnlyDictionary<string, WpProblem> problems)
    {
        JsonObject byName = [], details = [];
        foreach (var (name, problem) in problems)
        {
            byName[name] = problem.Message;
            details[name] = new JsonObject { ["code"] = problem.Code, ["message"] = problem.Message, ["data"] = null };
        }
        return Of("rest_invalid_param", "Invalid parameter(s): " + string.Join(", ", problems.Keys), StatusCodes.Status400BadRequest,
            new JsonObject { ["params"] = byName, ["details"] = details });
    }
}
