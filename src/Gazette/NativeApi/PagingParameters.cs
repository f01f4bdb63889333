using System.Globalization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Gazette.NativeApi;

/// <summary>
/// Paging and search parameters are read as text, so that a bad one is named in
/// the 400's errors rather than refused by binding; the document says what they hold.
/// </summary>
public static class PagingParameters
{
    /// <summary>The transformer for a route whose <c>perPage</c> is <paramref name="defaultPerPage"/> unless given, at most <paramref name="maxPerPage"/>.</summary>
    public static Func<OpenApiOperation, OpenApiOperationTransformerContext, CancellationToken, Task> Describe(int defaultPerPage, int maxPerPage) =>
        (operation, _, _) => DescribeAsync(operation, defaultPerPage, maxPerPage);

    private static Task DescribeAsync(OpenApiOperation operation, int defaultPerPage, int maxPerPage)
    {
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
        {
            parameter.Schema = parameter.Name switch
            {
                "q" => new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1 },
                "page" => new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Default = 1 },
                "perPage" => new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = maxPerPage.ToString(CultureInfo.InvariantCulture), Default = defaultPerPage },
                _ => parameter.Schema,
            };
            parameter.Required |= parameter.Name == "q";
        }
        return Task.CompletedTask;
    }
}
