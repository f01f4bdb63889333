using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Site;

public sealed partial class SecurityHeaderTests(SqliteProvider provider) : SiteTestBase<SqliteProvider>(provider)
{
    [Theory]
    [InlineData("/")]
    [InlineData(SampleArticleTests<SqliteProvider>.Url)]
    [InlineData("/no-such-page/")]
    public async Task EveryPageCarriesTheSecurityHeaders(string path)
    {
        var (_, _, response) = await GetAsync(path);

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("base-uri 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'self'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task TheInlinedStylesheetIsAllowedByItsHashAndNoScriptIsInline()
    {
        var (_, html, response) = await GetAsync(SampleArticleTests<SqliteProvider>.Url);

        var css = Assert.Single(InlineStyle().Matches(html)).Groups[1].Value;
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(css)));
        Assert.Contains($"style-src 'self' 'sha256-{hash}'", string.Join(";", response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.All(ScriptTag().Matches(html), script => Assert.True(
            script.Value.Contains("type=\"application/ld+json\"", StringComparison.Ordinal) || script.Value.Contains(" src=\"/assets/", StringComparison.Ordinal),
            $"inline script: {script.Value}"));
        Assert.DoesNotContain(" on", EventAttribute().Match(html).Value, StringComparison.Ordinal);
    }

    [GeneratedRegex("<style>(.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex InlineStyle();

    [GeneratedRegex("<script[^>]*>")]
    private static partial Regex ScriptTag();

    [GeneratedRegex("<[^>]+\\son[a-z]+=")]
    private static partial Regex EventAttribute();
}
