using System.Net;
using Gazette.Kernel;
using Gazette.Web;
using Microsoft.Extensions.Configuration;

namespace Gazette.Tests.Web;

public class MetricsAccessTests
{
    private static readonly MetricsAccess Default = Access([]);

    private static readonly MetricsAccess Configured = Access(new() { ["Gazette:Metrics:Networks"] = "10.0.0.0/8, 2001:db8::/32", ["Gazette:Metrics:Token"] = "s3cret" });

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    public void ThisMachineMayReadByDefault(string caller) => Assert.True(Default.Allows(IPAddress.Parse(caller), relayed: false, authorization: null));

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("192.168.1.2")]
    [InlineData("203.0.113.5")]
    public void AnyOtherAddressIsRefusedByDefault(string caller) => Assert.False(Default.Allows(IPAddress.Parse(caller), relayed: false, authorization: null));

    [Fact]
    public void ARequestRelayedByAnUntrustedProxyIsRefusedEvenFromLoopback() =>
        Assert.False(Default.Allows(IPAddress.Loopback, relayed: true, authorization: null));

    [Fact]
    public void ACallerWithoutAnAddressIsRefused() => Assert.False(Default.Allows(null, relayed: false, authorization: null));

    [Theory]
    [InlineData("10.200.3.4", true)]
    [InlineData("::ffff:10.1.1.1", true)]
    [InlineData("2001:db8:1::7", true)]
    [InlineData("11.0.0.1", false)]
    [InlineData("2001:db9::1", false)]
    public void ConfiguredNetworksMayRead(string caller, bool allowed) =>
        Assert.Equal(allowed, Configured.Allows(IPAddress.Parse(caller), relayed: false, authorization: null));

    [Theory]
    [InlineData("Bearer s3cret", true)]
    [InlineData("bearer s3cret", true)]
    [InlineData("Bearer s3cret2", false)]
    [InlineData("Bearer ", false)]
    [InlineData("Basic s3cret", false)]
    public void TheTokenAdmitsFromAnywhereEvenThroughAProxy(string authorization, bool allowed) =>
        Assert.Equal(allowed, Configured.Allows(IPAddress.Parse("203.0.113.5"), relayed: true, authorization));

    [Fact]
    public void WithNoTokenConfiguredNoBearerIsAccepted() =>
        Assert.False(Default.Allows(IPAddress.Parse("203.0.113.5"), relayed: false, authorization: "Bearer "));

    [Fact]
    public void ANetworkThatDoesNotParseStopsTheSiteNamingIt()
    {
        var failure = Assert.Throws<StartupException>(() => Access(new() { ["Gazette:Metrics:Networks"] = "10.0.0.0/8, intranet" }));

        Assert.Contains("\"intranet\"", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Gazette:Metrics:Networks", failure.Message, StringComparison.Ordinal);
    }

    private static MetricsAccess Access(Dictionary<string, string?> settings) =>
        MetricsAccess.From(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
}
