using System.Net;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Site;

/// <summary>
/// With no Gazette:Site:BaseUrl, canonical links and structured data are made
/// from the request: only a host AllowedHosts names, and only http or https
/// from a proxy's X-Forwarded-Proto. The request comes from loopback, where a
/// proxy is believed.
/// </summary>
public sealed class HostAndSchemeTests(SqliteProvider provider) : SiteTestBase<SqliteProvider>(provider)
{
    private const string Article = CommentTestBase<SqliteProvider>.Article;

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["AllowedHosts"] = "news.example;localhost";
        Factory.ClientAddress = IPAddress.Loopback;
    }

    [Theory]
    [InlineData("https", "https://news.example")]
    [InlineData("http", "http://news.example")]
    [InlineData("javascript", "http://news.example")]
    [InlineData("gopher", "http://news.example")]
    public async Task OnlyWebSchemesFromAProxyReachTheCanonicalLink(string forwardedProto, string expectedOrigin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Article);
        request.Headers.Host = "news.example";
        request.Headers.Add("X-Forwarded-Proto", forwardedProto);

        using var response = await Client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<link rel=\"canonical\" href=\"{expectedOrigin}{Article}\">", html, StringComparison.Ordinal);
        if (forwardedProto is not ("http" or "https"))
        {
            Assert.DoesNotContain(forwardedProto + ":", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AHostAllowedHostsDoesNotNameIsRefused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Article);
        request.Headers.Host = "evil.example";

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("evil.example", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
