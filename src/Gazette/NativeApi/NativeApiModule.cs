using Gazette.Caching;
using Gazette.Web;

namespace Gazette.NativeApi;

/// <summary>
/// Gazette's own API at <c>/api/v1/</c>, for what WordPress's routes do not
/// cover: the site's facts, ranked search with snippets, related coverage, the
/// caller and the moderation queue. Public reads sit in the Public API group (cached a minute);
/// what needs a caller sits in the API group (application passwords).
/// Documented by the OpenAPI document at <see cref="ApiDocument.Path"/> (decision 123).
/// </summary>
public sealed class NativeApiModule : GazetteModule
{
    public const string Prefix = "/api/v1";

    public override void AddServices(IServiceCollection services, IConfiguration configuration) => ApiDocument.Add(services);

    public override void MapEndpoints(RouteGroups groups)
    {
        var reads = groups.PublicApi.MapGroup(Prefix)
            .CachedAs(groups.PublicPage(SearchEndpoint.QueryKeys, lifetime: PublicPagePolicy.ListingLifetime));
        SiteEndpoint.Map(reads);
        SearchEndpoint.Map(reads);
        RelatedEndpoint.Map(reads);
        var callers = groups.Api.MapGroup(Prefix["/api".Length..]).WithMetadata(CallerRequired.Instance);
        MeEndpoint.Map(callers);
        PendingCommentsEndpoint.Map(callers);
        ApiDocument.Map(groups.PublicApi);
        groups.PublicApi.Map(Prefix + "/{**rest}", () => ApiProblems.NotFound("No such route in Gazette's API. Its routes are listed in " + ApiDocument.Path + "."))
            .ExcludeFromDescription()
            .NotCached();
    }
}

/// <summary>Marks the routes that need a signed-in caller, so the OpenAPI document names the security scheme on them.</summary>
public sealed class CallerRequired
{
    public static readonly CallerRequired Instance = new();

    private CallerRequired()
    {
    }
}
