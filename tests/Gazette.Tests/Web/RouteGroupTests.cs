using System.Net;
using Gazette.Caching;
using Gazette.Tests.Infrastructure;
using Gazette.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Web;

/// <summary>
/// Every endpoint sits in one trust group, and each group holds to what it
/// declares. The Admin and API groups are empty until the newsroom and the API
/// fill them, so a test module maps an endpoint into each; members sign in
/// through the login form.
/// </summary>
public sealed class RouteGroupTests(SqliteProvider provider) : SiteTestBase<SqliteProvider>(provider)
{
    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<GazetteModule, TestModule>();

    [Fact]
    public void EveryEndpointSitsInExactlyOneGroup()
    {
        var endpoints = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

        Assert.NotEmpty(endpoints);
        foreach (var endpoint in endpoints)
        {
            var groups = endpoint.Metadata.GetOrderedMetadata<TrustGroupMetadata>();
            Assert.True(groups.Count == 1, $"{endpoint.DisplayName} ({endpoint.RoutePattern.RawText}) is in {groups.Count} groups");
        }
    }

    [Fact]
    public void EachGroupDeclaresItsAuthorizationCachingAndAntiforgery()
    {
        foreach (var endpoint in Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var metadata = endpoint.Metadata;
            var name = endpoint.RoutePattern.RawText;
            // ASP.NET's output cache is not in the pipeline: its policies would do nothing.
            Assert.True(metadata.GetMetadata<Microsoft.AspNetCore.OutputCaching.IOutputCachePolicy>() is null, $"{name} names an output-cache policy; use CachedAs or NotCached");
            switch (metadata.GetMetadata<TrustGroupMetadata>()!.Group)
            {
                case TrustGroup.Public or TrustGroup.PublicApi:
                    Assert.NotNull(metadata.GetMetadata<IAllowAnonymous>());
                    Assert.True(metadata.GetMetadata<PublicPagePolicy>() is not null, $"{name} declares no cache policy");
                    break;
                case TrustGroup.ReaderWrites:
                    Assert.NotNull(metadata.GetMetadata<IAllowAnonymous>());
                    Assert.False(metadata.GetMetadata<PublicPagePolicy>() is { Cached: true });
                    break;
                case TrustGroup.Admin:
                    Assert.Contains(metadata.GetOrderedMetadata<IAuthorizeData>(), data => data.Policy == SignIn.AdminPolicy);
                    Assert.True(metadata.GetMetadata<IAntiforgeryMetadata>()?.RequiresValidation, $"{name} skips antiforgery");
                    Assert.False(metadata.GetMetadata<PublicPagePolicy>() is { Cached: true });
                    break;
                case TrustGroup.Api:
                    Assert.Contains(metadata.GetOrderedMetadata<IAuthorizeData>(), data => data.Policy == SignIn.ApiPolicy);
                    Assert.False(metadata.GetMetadata<PublicPagePolicy>() is { Cached: true });
                    break;
            }
        }
    }

    [Fact]
    public void EveryNewsroomRouteNamesTheLeastRoleItNeeds()
    {
        string[] roles = [NewsroomRole.Policies.Administrators, NewsroomRole.Policies.Editors, NewsroomRole.Policies.Authors, NewsroomRole.Policies.Contributors];
        var undeclared = AdminEndpoints()
            .Where(endpoint => endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .Where(endpoint => !endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(data => roles.Contains(data.Policy)))
            .Select(endpoint => endpoint.RoutePattern.RawText)
            .ToList();

        Assert.Empty(undeclared);
        // Signing in, and setting a first password from a one-time link (the link's token is the credential).
        Assert.Equal(["admin/login", "admin/welcome/{token?}"], AdminEndpoints().Where(endpoint => endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null).Select(endpoint => endpoint.RoutePattern.RawText!.TrimStart('/')));
    }

    /// <summary>Each role against every newsroom page that needs no id: the page opens for the roles its policy names and answers 403 to the rest.</summary>
    [Fact]
    public async Task EachRoleOpensExactlyThePagesItsRoleAllows()
    {
        var pages = AdminEndpoints()
            .Where(endpoint => endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null && endpoint.RoutePattern.Parameters.Count == 0)
            .Where(endpoint => endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is not { } methods || methods.HttpMethods.Contains("GET"))
            .Select(endpoint => (Path: "/" + endpoint.RoutePattern.RawText!.TrimStart('/'), Least: LeastRole(endpoint)))
            .Distinct()
            .ToList();
        Assert.Contains(pages, page => page.Path == "/admin/settings");

        foreach (var role in NewsroomRole.All)
        {
            using var member = await Newsroom.MemberAsync(Factory, "matrix-" + role, role);
            foreach (var (path, least) in pages)
            {
                using var response = await member.GetAsync(path);
                var allowed = NewsroomRole.AtLeast(least).Contains(role);
                Assert.True(allowed ? response.StatusCode != HttpStatusCode.Forbidden && (int)response.StatusCode < 400 : response.StatusCode == HttpStatusCode.Forbidden,
                    $"{role} on {path} (needs {least}) got {(int)response.StatusCode}");
            }
        }
    }

    private List<RouteEndpoint> AdminEndpoints() =>
        [.. Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.Metadata.GetMetadata<TrustGroupMetadata>()?.Group == TrustGroup.Admin)];

    private static string LeastRole(RouteEndpoint endpoint)
    {
        var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(data => data.Policy).ToList();
        return NewsroomRole.All.First(role => policies.Contains(NewsroomRole.Policies.For(role)));
    }

    [Fact]
    public async Task AnAnonymousVisitorToTheNewsroomIsSentToTheLoginPage()
    {
        var (status, _, response) = await GetAsync("/admin/test");

        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.StartsWith("/admin/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASignedInEditorGetsTheNewsroomUncachedUnderItsOwnPolicy()
    {
        using var editor = await Newsroom.MemberAsync(Factory, "editor", NewsroomRole.Editor);

        using var response = await editor.GetAsync("/admin/test");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Editor", await response.Content.ReadAsStringAsync());
        Assert.True(response.Headers.CacheControl?.NoStore);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANewsroomPostWithoutAnAntiforgeryTokenIsRefused()
    {
        using var editor = await Newsroom.MemberAsync(Factory, "forged", NewsroomRole.Editor);

        using var response = await editor.PostAsync("/admin/test", new FormUrlEncodedContent(new Dictionary<string, string> { ["title"] = "x" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task TheApiAnswersProblemJsonAndIgnoresTheSessionCookie()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/test");
        request.Headers.Add("Cookie", SessionCookie.For(Factory.Services));

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Basic", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task ACrossSiteReaderWriteIsRefusedWithAPage()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/comments/1/report");
        request.Headers.Add("Sec-Fetch-Site", "cross-site");

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("sent from another site", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    private sealed class TestModule : GazetteModule
    {
        public override void MapEndpoints(RouteGroups groups)
        {
            groups.Admin.MapGet("/test", (HttpContext context) => Results.Text(context.User.Identity?.Name ?? "")).RequireAuthorization(NewsroomRole.Policies.Editors);
            groups.Admin.MapPost("/test", () => Results.Text("saved")).RequireAuthorization(NewsroomRole.Policies.Editors);
            groups.Api.MapGet("/test", () => Results.Json(new { ok = true }));
        }
    }
}
