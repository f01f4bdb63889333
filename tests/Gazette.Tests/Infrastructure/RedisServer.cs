using System.Net;

namespace Gazette.Tests.Infrastructure;

/// <summary>
/// The throwaway Redis that ./test.sh starts (tests/services.sh). Sites never
/// share keys or channels (their names come from each site's install secret),
/// so every test class uses the one server. Without it the tests fail: they never skip.
/// </summary>
public static class RedisServer
{
    public const string Variable = "GAZETTE_TEST_REDIS";

    /// <summary>host:port, the form of Gazette:Redis.</summary>
    public static string Address =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } address
            ? address
            : throw new InvalidOperationException(
                $"Cluster tests need Redis. Run ./test.sh (it starts one) or set {Variable}=127.0.0.1:6390.");

    public static IPEndPoint EndPoint => IPEndPoint.Parse(Address);

    /// <summary>A loopback address where nothing listens: Redis as a node sees it when Redis is down.</summary>
    public static string Unreachable()
    {
        var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return $"127.0.0.1:{port}";
    }
}
