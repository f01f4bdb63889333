using Microsoft.AspNetCore.Http.Features;

namespace Gazette.Web;

/// <summary>
/// Adds the request's route group to ASP.NET Core's own request metrics
/// (<c>http.server.request.duration</c>), so requests and latency can be read
/// per group. Five values at most, never the path, so the label stays bounded;
/// the tag pairs are made once, so a request adds one item to a list.
/// </summary>
public static class RouteGroupTag
{
    public const string Name = "gazette.route_group";

    private static readonly KeyValuePair<string, object?>[] Tags =
        Enum.GetValues<TrustGroup>().Select(group => new KeyValuePair<string, object?>(Name, Label(group))).ToArray();

    public static string Label(TrustGroup group) => group switch
    {
        TrustGroup.Public => "public",
        TrustGroup.ReaderWrites => "reader_writes",
        TrustGroup.Admin => "admin",
        TrustGroup.PublicApi => "public_api",
        TrustGroup.Api => "api",
        _ => throw new ArgumentOutOfRangeException(nameof(group), group, null),
    };

    /// <summary>Middleware after routing: the endpoint, and so its group, is known.</summary>
    public static Task Add(HttpContext context, RequestDelegate next)
    {
        if (context.Features.Get<IHttpMetricsTagsFeature>() is { } metrics
            && context.GetEndpoint()?.Metadata.GetMetadata<TrustGroupMetadata>() is { } group)
        {
            metrics.Tags.Add(Tags[(int)group.Group]);
        }
        return next(context);
    }
}
