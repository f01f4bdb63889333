using Gazette.Jobs;
using Gazette.Security;
using Gazette.Site;
using Gazette.Storage;

namespace Gazette.Hosting;

/// <summary>Builds the one web application every command shares, so all read configuration the same way.</summary>
public static class GazetteApp
{
    public static WebApplication Build(string[] args)
    {
        // appsettings.json ships beside the executable; relative paths in settings
        // (the SQLite file, the theme folder) still resolve against the working directory.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddGazetteProxyHeaders(builder.Configuration);
        builder.Services.AddGazetteStorage();
        builder.Services.AddGazetteSecrets();
        builder.Services.AddGazetteJobs();
        builder.Services.AddGazetteSite(builder.Configuration);
        builder.Services.AddSingleton<Preflight>();
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IHostedService, PreflightHostedService>());
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

        var app = builder.Build();
        app.UseForwardedHeaders();
        app.MapHealthChecks("/healthz");
        app.MapGazetteSite();
        return app;
    }
}
