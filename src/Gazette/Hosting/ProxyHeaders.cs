using System.Net;
using Gazette.Kernel;
using Microsoft.AspNetCore.HttpOverrides;

namespace Gazette.Hosting;

/// <summary>
/// Behind a reverse proxy every request comes from the proxy's address, and
/// per-address rules (flood control, report limits, moderation by IP) would
/// treat all readers as one. X-Forwarded-For and -Proto are believed from
/// loopback (a proxy on the same machine, ASP.NET Core's default) and from the
/// addresses or CIDR ranges in <c>Gazette:TrustedProxies</c>, comma-separated.
/// </summary>
public static class ProxyHeaders
{
    public const string TrustedProxiesKey = "Gazette:TrustedProxies";

    public static IServiceCollection AddGazetteProxyHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var networks = new List<System.Net.IPNetwork>();
        var proxies = new List<IPAddress>();
        foreach (var entry in (configuration[TrustedProxiesKey] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (entry.Contains('/', StringComparison.Ordinal) && System.Net.IPNetwork.TryParse(entry, out var network))
            {
                networks.Add(network);
            }
            else if (IPAddress.TryParse(entry, out var address))
            {
                proxies.Add(address);
            }
            else
            {
                throw new StartupException($"{TrustedProxiesKey} has '{entry}', which is neither an IP address nor a CIDR range.");
            }
        }
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            networks.ForEach(options.KnownIPNetworks.Add);
            proxies.ForEach(options.KnownProxies.Add);
        });
        return services;
    }

    /// <summary>
    /// A trusted proxy may still pass on whatever X-Forwarded-Proto a client sent;
    /// only http and https become the request's scheme (and so canonical links),
    /// any other word is ignored.
    /// </summary>
    public static Task KeepWebSchemes(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Scheme is not ("http" or "https"))
        {
            context.Request.Scheme = context.Request.Headers["X-Original-Proto"].ToString() is "https" ? "https" : "http";
        }
        return next(context);
    }
}
