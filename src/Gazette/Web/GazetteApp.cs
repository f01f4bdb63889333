using System.CommandLine;
using Gazette.Backup;
using Gazette.Caching;
using Gazette.Cluster;
using Gazette.Events;
using Gazette.Hosting;
using Gazette.Jobs;
using Gazette.Rendering;
using Gazette.Security;
using Gazette.Storage;
using Gazette.Web.Admin;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gazette.Web;

/// <summary>
/// The composition root: builds the one web application every command shares
/// from the modules <c>Program.cs</c> lists, so all read configuration the same
/// way, then lays out the middleware and the route groups the modules fill.
/// </summary>
/// <param name="args">The whole command line: the configuration in it (<c>--Section:Key=value</c>) goes to every command's host.</param>
public sealed class GazetteApp(IReadOnlyList<GazetteModule> modules, IReadOnlyList<string> args) : ICommandHost
{
    public WebApplication Build(ParseResult result, params (string Key, string? Value)[] settings) =>
        Build(HostArguments.For(args, result, settings));

    private WebApplication Build(string[] hostArguments)
    {
        // An appsettings.json beside the executable overrides the built-in one; relative paths in
        // settings (the SQLite file, the theme folder) still resolve against the working directory.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = hostArguments, ContentRootPath = AppContext.BaseDirectory });
        BuiltInSettings.AddBeneathAppSettings(builder.Configuration);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddGazetteProxyHeaders(builder.Configuration);
        builder.Services.AddGazetteStorage();
        builder.Services.AddGazetteSecrets();
        builder.Services.AddGazetteJobs();
        builder.Services.AddGazetteEvents();
        builder.Services.AddGazetteCluster();
        builder.Services.AddGazetteBackup();
        builder.Services.AddGazetteRendering(builder.Configuration);
        builder.Services.AddGazettePageCache(builder.Configuration);
        builder.Services.AddGazetteMetrics(builder.Configuration);
        builder.Services.AddGazetteSignIn();
        builder.Services.AddAntiforgery();
        builder.Services.AddNewsroomPages();
        builder.Services.AddProblemDetails();
        builder.Services.AddRateLimiter(options => options.RejectionStatusCode = StatusCodes.Status429TooManyRequests);
        builder.Services.AddSingleton<Preflight>();
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IHostedService, PreflightHostedService>());
        builder.Services.AddSingleton<DatabaseHealthCheck>();
        builder.Services.AddSingleton(sp => ActivatorUtilities.CreateInstance<JobBacklogHealthCheck>(sp,
            TimeSpan.FromSeconds(builder.Configuration.GetValue(JobBacklogHealthCheck.Setting, JobBacklogHealthCheck.DefaultMaxWait.TotalSeconds))));
        builder.Services.AddHealthChecks()
            .Add(new HealthCheckRegistration("database", sp => sp.GetRequiredService<DatabaseHealthCheck>(), null, [HealthReportResponse.Serving]))
            .Add(new HealthCheckRegistration("jobs", sp => sp.GetRequiredService<JobBacklogHealthCheck>(), null, null))
            .Add(new HealthCheckRegistration("redis", sp => sp.GetRequiredService<RedisHealthCheck>(), null, null));
        foreach (var source in MigrationSources(modules))
        {
            builder.Services.AddSingleton(source);
        }
        foreach (var module in modules)
        {
            builder.Services.AddSingleton(module);
            module.AddServices(builder.Services, builder.Configuration);
        }

        var app = builder.Build();
        app.UseForwardedHeaders();
        // Before everything else: a stored page's answer already holds what the rest would add (decision 160).
        app.UseMiddleware<PageCacheFront>();
        app.UseGazetteSecurityHeaders();
        app.UseMiddleware<ErrorPages>();
        app.Use(ProxyHeaders.KeepWebSchemes);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = app.Services.GetRequiredService<ThemeRenderer>().AssetFiles,
            RequestPath = "/assets",
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "public, max-age=86400",
        });
        app.UseStaticFiles(NewsroomPages.Assets);
        // Routing after static files: the catch-all 404 endpoint would otherwise claim /assets/ too.
        app.UseRouting();
        app.UseRouteGroupMetrics();
        // Outside the cache's store, so a page rendered now gets the breaking-news banner as it is served (decision 142).
        app.UseWhen(context => context.GetEndpoint()?.Metadata.GetMetadata<TrustGroupMetadata>()?.Group is TrustGroup.Public or TrustGroup.ReaderWrites,
            slotted => slotted.UseMiddleware<PageSlotJoin>());
        // The cache answers before sign-in is looked at: it only ever holds anonymous pages.
        app.UseMiddleware<PageCacheMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseRateLimiter();
        var groups = new RouteGroups(app);
        groups.PublicApi.MapHealthChecks("/healthz", HealthReportResponse.Options).NotCached();
        groups.MapMetrics();
        groups.Admin.MapRazorPages();
        // Modules from the list, and any a test host registered beside them.
        foreach (var module in app.Services.GetServices<GazetteModule>())
        {
            module.MapEndpoints(groups);
        }
        // The fallback: "{**path}" rather than MapFallback's default, which leaves paths that look like files
        // (wp-login.php) to a bare 404. Mapped by hand: under the request delegate generator MapFallback
        // loses its pattern and its last place in the order (dotnet/aspnetcore#65992), and took every path.
        groups.Public.Map("{**path}", async (PageRenderer pages, CancellationToken cancellationToken) => await pages.NotFoundAsync(cancellationToken))
            .WithDisplayName("Fallback {**path}")
            .WithOrder(int.MaxValue);
        return app;
    }

    /// <summary>Every part's and module's migrations: what a database made by this build is migrated with.</summary>
    public static IReadOnlyList<MigrationSource> MigrationSources(IEnumerable<GazetteModule> modules) =>
    [
        StorageServiceCollectionExtensions.Migrations,
        SecurityServiceCollectionExtensions.Migrations,
        EventsServiceCollectionExtensions.Migrations,
        .. modules.Select(module => new MigrationSource(module.GetType().Assembly, module.MigrationsPrefix)),
    ];

    public async Task<WebApplication> StartAsync(ParseResult result, CancellationToken cancellationToken, params (string Key, string? Value)[] settings)
    {
        var app = Build(result, settings);
        try
        {
            var preflight = app.Services.GetRequiredService<Preflight>();
            preflight.EnsureSiteExists();
            await preflight.RunAsync(cancellationToken);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }
}
