using System.Net;
using System.Security.Cryptography;
using System.Text;
using Gazette.Kernel;

namespace Gazette.Web;

/// <summary>
/// Who may read /metrics (decision 158): a caller on this machine, one in a
/// network of <c>Gazette:Metrics:Networks</c>, or one presenting
/// <c>Authorization: Bearer</c> with <c>Gazette:Metrics:Token</c>. A request
/// still carrying <c>X-Forwarded-For</c> or <c>Forwarded</c> came through a
/// proxy Gazette was not told to trust (trusted proxies' headers are consumed
/// before this point), so its address is the proxy's: only the token admits it.
/// Otherwise nginx on the same machine would hand the internet a loopback address.
/// </summary>
public sealed class MetricsAccess
{
    public const string Section = "Gazette:Metrics";

    private readonly IReadOnlyList<IPNetwork> _networks;
    private readonly byte[] _token;

    public MetricsAccess(IReadOnlyList<IPNetwork> networks, string token)
    {
        _networks = networks;
        _token = Encoding.UTF8.GetBytes(token);
    }

    /// <summary>Reads <c>Gazette:Metrics:Networks</c> (CIDR blocks, comma-separated) and <c>:Token</c>; a block that does not parse stops the site.</summary>
    public static MetricsAccess From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var networks = new List<IPNetwork>();
        foreach (var block in (section["Networks"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!IPNetwork.TryParse(block, out var network))
            {
                throw new StartupException($"{Section}:Networks: \"{block}\" is not a network in CIDR notation (such as 10.0.0.0/8 or fd00::/8).");
            }
            networks.Add(network);
        }
        return new MetricsAccess(networks, section["Token"] ?? "");
    }

    public bool Allows(IPAddress? caller, bool relayed, string? authorization)
    {
        if (_token.Length > 0 && authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(authorization[7..].Trim()), _token))
        {
            return true;
        }
        if (relayed || caller is null)
        {
            return false;
        }
        var address = caller.IsIPv4MappedToIPv6 ? caller.MapToIPv4() : caller;
        return IPAddress.IsLoopback(address) || _networks.Any(network => network.Contains(address));
    }

    public bool Allows(HttpContext context) => Allows(
        context.Connection.RemoteIpAddress,
        context.Request.Headers.ContainsKey("X-Forwarded-For") || context.Request.Headers.ContainsKey("Forwarded"),
        context.Request.Headers.Authorization.ToString() is { Length: > 0 } header ? header : null);
}
