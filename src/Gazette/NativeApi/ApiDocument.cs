using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Gazette.NativeApi;

/// <summary>
/// The OpenAPI document of <c>/api/v1/</c>, generated from the endpoints by
/// Microsoft.AspNetCore.OpenApi: only this API's routes, no servers (the
/// document's own address is the base, whatever host serves it), the Basic
/// scheme on the routes that need a caller. docs/api/openapi.json is a copy a
/// test keeps equal to it.
/// </summary>
public static class ApiDocument
{
    public const string Name = "v1";
    public const string Path = NativeApiModule.Prefix + "/openapi.json";
    public const string BasicScheme = "basic";

    public static void Add(IServiceCollection services) =>
        services.AddOpenApi(Name, options =>
        {
            options.ShouldInclude = description => ("/" + description.RelativePath).StartsWith(NativeApiModule.Prefix + "/", StringComparison.Ordinal);
            options.AddDocumentTransformer(DescribeAsync);
            options.AddOperationTransformer(SecureAsync);
            options.AddSchemaTransformer(NumbersAsync);
        });

    public static void Map(RouteGroupBuilder publicApi) => publicApi.MapOpenApi(Path);

    private static Task DescribeAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Gazette API",
            Version = "1",
            Description = "Gazette's own API, for what WordPress's REST API (/wp-json/wp/v2) does not cover. "
                + "Public reads need no credentials and may be up to a minute old. Routes that need a caller take a member's login "
                + "and one of its application passwords over HTTP Basic authentication. Every error is application/problem+json; "
                + "a 400 names each bad field under errors.",
        };
        document.Servers = [];
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BasicScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "basic",
            Description = "A member's login and one of its application passwords (made in the newsroom at /admin/profile/application-passwords).",
        };
        return Task.CompletedTask;
    }

    /// <summary>
    /// ASP.NET Core's JSON reads numbers from strings too, so its schemas allow both;
    /// this API writes numbers as numbers, and the document says so.
    /// </summary>
    private static Task NumbersAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (schema.Type is { } type && type.HasFlag(JsonSchemaType.Integer) && type.HasFlag(JsonSchemaType.String))
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }
        return Task.CompletedTask;
    }

    private static Task SecureAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<CallerRequired>().Any())
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BasicScheme, context.Document)] = [] }];
        }
        return Task.CompletedTask;
    }
}
