using Microsoft.AspNetCore.Hosting;
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
            ExtraServices.ForEach(add => add(services));
        });
    }
}
