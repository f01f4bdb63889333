using System.CommandLine;
using Gazette.Hosting;
using Gazette.Kernel;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Gazette.Web;

public static class ServeCommand
{
    public const string DefaultUrls = "http://localhost:5000";

    internal static readonly Option<string?> Urls = new("--urls")
    {
        Description = $"Addresses to listen on, separated by ';' (default {DefaultUrls}).",
        HelpName = "URL",
    };

    public static Command Create(GazetteApp gazette)
    {
        var command = new Command("serve", "Run the web site. The first run creates the database; every run migrates it first; an empty site gets the sample article.") { Urls, MigrateCommand.NoBackup, HostArguments.Database };
        command.SetAction((result, cancellationToken) => RunAsync(gazette, result, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(GazetteApp gazette, ParseResult result, CancellationToken cancellationToken)
    {
        return await CommandFailure.Guard(async () =>
        {
            await using var app = gazette.Build(result, ("urls", result.GetValue(Urls)), (HostArguments.ServingKey, "true"), MigrateCommand.BackupSetting(result));
            await app.Services.GetRequiredService<Preflight>().RunAsync(cancellationToken);
            var urls = app.Configuration["urls"] is { Length: > 0 } configured ? configured : DefaultUrls;
            // WebApplicationFactory lets this entry point run on after Build() with its
            // in-memory TestServer; a probe of the default port there would race other
            // test hosts, and a failure would dispose the host the test is using.
            if (app.Services.GetRequiredService<IServer>().GetType().FullName != "Microsoft.AspNetCore.TestHost.TestServer")
            {
                app.Urls.Clear();
                foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    PortCheck.EnsureFree(url);
                    app.Urls.Add(url);
                }
            }
            app.Lifetime.ApplicationStarted.Register(() => AnnounceAddresses(app));
            try
            {
                await app.RunAsync();
            }
            catch (IOException ex) when (ex.InnerException is AddressInUseException)
            {
                throw new StartupException($"Cannot listen on {urls}: the address is already in use. Stop the other server or choose another with --urls.", ex);
            }
            return 0;
        });
    }

    internal static bool IsLoopback(string address) =>
        BindingAddress.Parse(address).Host is var host
        && (host is "localhost" || (System.Net.IPAddress.TryParse(host.Trim('[', ']'), out var ip) && System.Net.IPAddress.IsLoopback(ip)));

    private static void AnnounceAddresses(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        if (string.IsNullOrEmpty(app.Configuration["Gazette:Site:BaseUrl"]) && addresses.Any(address => !IsLoopback(address)))
        {
            Console.Error.WriteLine("gazette: warning: Gazette:Site:BaseUrl is not set, so canonical links and structured data take the host each request names. " +
                "Set it to the site's public address (and AllowedHosts to its host names) before readers reach this server.");
        }
        foreach (var address in addresses)
        {
            Console.WriteLine($"Gazette is running at {address}/");
        }
        if (addresses.FirstOrDefault() is { } first)
        {
            foreach (var line in app.Services.GetServices<IStartupTask>().Select(task => task.Announce(first)).OfType<string>())
            {
                Console.WriteLine(line);
            }
        }
    }
}
