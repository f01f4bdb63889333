using System.Text.Json;
using System.Text.Json.Nodes;
using Gazette.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.NativeApi;

/// <summary>
/// The committed docs/api/openapi.json is the document the site serves, and
/// the document names every /api/v1 route. GAZETTE_WRITE_OPENAPI=1 makes the
/// first test write the live document to the file instead of comparing.
/// </summary>
public sealed class OpenApiDocumentTests(SqliteProvider provider) : SiteTestBase<SqliteProvider>(provider)
{
    private const string Committed = "docs/api/openapi.json";
    private const string Regenerate = "GAZETTE_WRITE_OPENAPI";

    [Fact]
    public async Task TheCommittedDocumentIsTheOneTheSiteServes()
    {
        var live = await LiveDocumentAsync();
        var path = Repository.Path(Committed);
        if (Environment.GetEnvironmentVariable(Regenerate) == "1")
        {
            await File.WriteAllTextAsync(path, live);
        }
        var committed = File.Exists(path) ? (await File.ReadAllTextAsync(path)).ReplaceLineEndings("\n") : "";
        Assert.True(committed == live,
            $"{Committed} differs from the document the site serves at /api/v1/openapi.json. If the API changed on purpose, regenerate it: " +
            $"{Regenerate}=1 dotnet test tests/Gazette.Tests --filter FullyQualifiedName~OpenApiDocumentTests, then commit the file.");
    }

    [Fact]
    public async Task EveryApiRouteIsDocumented()
    {
        var document = JsonNode.Parse(await LiveDocumentAsync())!;
        var documented = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(operation => $"{operation.Key.ToUpperInvariant()} {path.Key}"))
            .ToHashSet(StringComparer.Ordinal);
        var routes = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => ("/" + endpoint.RoutePattern.RawText?.TrimStart('/')).StartsWith("/api/v1/", StringComparison.Ordinal))
            .ToList();
        var hidden = routes.Where(endpoint => endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IExcludeFromDescriptionMetadata>() is { ExcludeFromDescription: true })
            .Select(endpoint => endpoint.RoutePattern.RawText).ToList();
        Assert.Equal(["/api/v1/openapi.json", "/api/v1/{**rest}"], hidden.Order(StringComparer.Ordinal));
        var missing = routes.Except(routes.Where(endpoint => hidden.Contains(endpoint.RoutePattern.RawText)))
            .Where(endpoint => !IsTheDocument(endpoint))
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["ANY"])
                .Select(method => $"{method} {Documented(endpoint.RoutePattern.RawText!)}"))
            .Where(operation => !documented.Contains(operation))
            .ToList();
        Assert.Empty(missing);
        Assert.True(routes.Count(endpoint => !IsTheDocument(endpoint)) > 3);
        foreach (var operation in documented)
        {
            Assert.StartsWith("/api/v1/", operation.Split(' ')[1], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TheDocumentDescribesSecurityAndErrors()
    {
        var document = JsonNode.Parse(await LiveDocumentAsync())!;
        Assert.Equal("http", document["components"]!["securitySchemes"]!["basic"]!["type"]!.GetValue<string>());
        var me = document["paths"]!["/api/v1/me"]!["get"]!;
        Assert.NotNull(me["security"]);
        Assert.NotNull(me["responses"]!["401"]!["content"]!["application/problem+json"]);
        Assert.Null(document["paths"]!["/api/v1/site"]!["get"]!["security"]);
        Assert.NotNull(document["paths"]!["/api/v1/search"]!["get"]!["responses"]!["400"]!["content"]!["application/problem+json"]);
        foreach (var (_, path) in document["paths"]!.AsObject())
        {
            foreach (var (_, operation) in path!.AsObject())
            {
                Assert.False(string.IsNullOrWhiteSpace(operation!["description"]?.GetValue<string>()));
            }
        }
    }

    private static bool IsTheDocument(RouteEndpoint endpoint) => endpoint.RoutePattern.RawText == "/api/v1/openapi.json";

    /// <summary>The route as OpenAPI writes it: constraints dropped.</summary>
    private static string Documented(string pattern) => System.Text.RegularExpressions.Regex.Replace(pattern, @"\{(\w+):[^}]+\}", "{$1}");

    private async Task<string> LiveDocumentAsync()
    {
        var (status, body, response) = await GetAsync("/api/v1/openapi.json");
        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        return JsonNode.Parse(body)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }
}
