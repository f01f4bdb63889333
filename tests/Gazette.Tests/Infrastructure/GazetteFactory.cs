using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Gazette.Tests.Infrastructure;

/// <summary>
/// The real host (Program, every service, every endpoint) on a test server, over
/// the given database, with a fake clock the test can move.
/// </summary>
public sealed class GazetteFactory(DatabaseProvider provider) : WebApplicationFactory<Program>
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero));

    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>Services a test adds to the host (a subscriber that records, a module with test endpoints).</summary>
    public List<Action<IServiceCollection>> ExtraServices { get; } = [];

    /// <summary>
    /// The client address every request comes from, as Kestrel would report it
    /// (the test server reports none); a request's <see cref="ClientAddressHeader"/>
    /// overrides it. Null: no address, as before.
    /// </summary>
    public IPAddress? ClientAddress { get; set; }

    public const string ClientAddressHeader = "X-Test-Client-Address";

    public LogCapture Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Gazette:Database", provider.Setting);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<ILoggerProvider>(Logs);
            services.AddTransient<IStartupFilter>(_ => new ClientAddressFilter(this));
            ExtraServices.ForEach(add => add(services));
        });
    }

    /// <summary>Runs before the host's own middleware, where Kestrel would have set the address.</summary>
    private sealed class ClientAddressFilter(GazetteFactory factory) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                var header = context.Request.Headers[ClientAddressHeader].ToString();
                context.Connection.RemoteIpAddress = header.Length > 0 ? IPAddress.Parse(header) : factory.ClientAddress ?? context.Connection.RemoteIpAddress;
                context.Request.Headers.Remove(ClientAddressHeader);
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
