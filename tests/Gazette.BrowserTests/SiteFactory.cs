using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.BrowserTests;

/// <summary>Gazette on a real Kestrel socket (127.0.0.1, a free port) over its own database, with any <paramref name="settings"/> on top.</summary>
public sealed class SiteFactory(string database, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    /// <summary>Starts the site and answers its base URL.</summary>
    public string Start()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        return Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Gazette:Database", database);
        // The listen options set in Start() win; this keeps the serve command from probing its default port.
        builder.UseSetting("urls", "http://127.0.0.1:0");
        // Every browser here posts from 127.0.0.1; flood control would refuse the second test's comment.
        builder.UseSetting("Gazette:Discussion:FloodSeconds", "0");
        // A live blog's page asks for new entries every second, so a test sees one arrive without waiting half a minute.
        builder.UseSetting("Gazette:LiveBlog:PollSeconds", "1");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
    }
}
