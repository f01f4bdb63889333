using System.Text.Json;

namespace Gazette.Tests.Infrastructure;

/// <summary>Reads /healthz's JSON: one check's status and description ("" when the check is absent).</summary>
public static class HealthzReading
{
    public static async Task<(string Status, string Description)> CheckAsync(HttpClient client, string name)
    {
        using var document = JsonDocument.Parse(await client.GetStringAsync("/healthz"));
        return document.RootElement.GetProperty("checks").TryGetProperty(name, out var check)
            ? (check.GetProperty("status").GetString()!, check.TryGetProperty("description", out var description) ? description.GetString() ?? "" : "")
            : ("", "");
    }

    public static async Task<bool> RedisHeardAsync(HttpClient client) =>
        await CheckAsync(client, "redis") is ("Healthy", var description) && description.Contains("announcements heard", StringComparison.Ordinal);

    public static async Task<bool> RedisIsAsync(HttpClient client, string status) =>
        (await CheckAsync(client, "redis")).Status == status;
}
