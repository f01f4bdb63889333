using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Gazette.NativeApi;

/// <summary>
/// Paging and search parameters are read as text, so that a bad one is named in
/// the 400's errors rather than refused by binding; the document says what they hold.
/// </summary>
public static class PagingParameters
{
    public static Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var perPage = context.Description.RelativePath == "api/v1/search"
            ? (SearchEndpoint.DefaultPerPage, SearchEndpoint.MaxPerPage)
            : (PendingCommentsEndpoint.DefaultPerPage, PendingCommentsEndpoint.MaxPerPage);
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
        {
            parameter.Schema = parameter.Name switch
            {
                "q" => new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1 },
                "page" => new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Default = 1 },
                "perPage" => new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = perPage.Item2.ToString(System.Globalization.CultureInfo.InvariantCulture), Default = perPage.Item1 },
                _ => parameter.Schema,
            };
            parameter.Required |= parameter.Name == "q";
        }
        return Task.CompletedTask;
    }
}
