using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gazette.Tests.Infrastructure;
using Gazette.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gazette.Tests.Web;

/// <summary>
/// A request that fails where no endpoint answered for it still gets a page in
/// the theme, the security headers, and a sentence: malformed forms 400 or 413,
/// a failing storage 503 with Retry-After, anything else 500 with a reference
/// that is also in the log. A test module's endpoints throw on purpose.
/// </summary>
public sealed partial class ErrorPagesTests(SqliteProvider provider) : SiteTestBase<SqliteProvider>(provider)
{
    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<GazetteModule, ThrowingModule>();

    [Fact]
    public async Task AnUnhandledErrorGetsTheThemesPageWithAReferenceThatIsInTheLog()
    {
        using var response = await Client.GetAsync(new Uri("/test/bug", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("<h1>Something went wrong</h1>", html, StringComparison.Ordinal);
        Assert.Contains("class=\"masthead", html, StringComparison.Ordinal);
        var reference = Reference().Match(html).Groups[1].Value;
        Assert.Matches("^[0-9A-F]{8}$", reference);
        var logged = Assert.Single(Factory.Logs.Entries, entry => entry.Exception is InvalidOperationException);
        Assert.Equal(LogLevel.Error, logged.Level);
        Assert.Contains(reference, logged.Message, StringComparison.Ordinal);
        AssertSecurityHeaders(response);
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task AStorageFailureOnAReadIs503WithRetryAfterAndOneLogLine()
    {
        using var response = await Client.GetAsync(new Uri("/test/disk-full", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(60), response.Headers.RetryAfter?.Delta);
        Assert.Contains("This page cannot be shown right now. Please try again in a minute.", html, StringComparison.Ordinal);
        AssertSecurityHeaders(response);
        var logged = Assert.Single(Factory.Logs.Entries, entry => entry.Category == typeof(ErrorPages).FullName);
        Assert.Equal(LogLevel.Warning, logged.Level);
        Assert.Null(logged.Exception);
        Assert.Contains("database or disk is full", logged.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheApiAnswersProblemJsonWithTheReference()
    {
        using var response = await Client.GetAsync(new Uri("/test-api/bug", UriKind.Relative));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var reference = problem.RootElement.GetProperty("reference").GetString()!;
        Assert.Contains(Factory.Logs.Entries, entry => entry.Message.Contains(reference, StringComparison.Ordinal));
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task AnErrorStatusWithNoBodyGetsAPageToo()
    {
        using var response = await Client.GetAsync(new Uri("/test/empty", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<h1>Bad Request</h1>", html, StringComparison.Ordinal);
        AssertSecurityHeaders(response);
    }

    public static TheoryData<string, string, int> MalformedForms() => new()
    {
        { "NUL in a value", "author=a&email=a%40example.org&comment=a%00b&comment_post_ID=1", 400 },
        { "NUL in a field name", "author=a&email=a%40example.org&comment=ab&comment_post_ID=1&x%00y=1", 400 },
        { "1,100 fields", string.Join('&', Enumerable.Range(0, 1100).Select(i => $"f{i}=1")), 413 },
        { "a 3,000-character field name", "author=a&comment=ab&comment_post_ID=1&" + new string('x', 3000) + "=1", 413 },
        { "a value over 4 MB", "author=a&comment_post_ID=1&comment=" + new string('x', 5 * 1024 * 1024), 413 },
    };

    [Theory]
    [MemberData(nameof(MalformedForms))]
    public async Task AMalformedCommentFormGetsAReadablePageAndOneLogLine(string what, string body, int status)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/comments/")
        {
            Content = new StringContent(body, Encoding.ASCII, "application/x-www-form-urlencoded"),
        };
        request.Headers.Add("Origin", "http://localhost");
        request.Headers.Add("Sec-Fetch-Site", "same-origin");

        using var response = await Client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.True((int)response.StatusCode == status, $"{what}: {(int)response.StatusCode}");
        Assert.Contains("<h1>", html, StringComparison.Ordinal);
        Assert.Contains("Please", html, StringComparison.Ordinal);
        AssertSecurityHeaders(response);
        Assert.DoesNotContain(Factory.Logs.Entries, entry => entry.Exception is not null || entry.Level >= LogLevel.Error);
        Assert.Single(Factory.Logs.Entries, entry => entry.Category == typeof(ErrorPages).FullName);
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        Assert.True(response.Headers.Contains("Content-Security-Policy"));
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(response.Headers.Contains("Referrer-Policy"));
    }

    [GeneratedRegex("this reference: ([0-9A-F]+)")]
    private static partial Regex Reference();

    private sealed class ThrowingModule : GazetteModule
    {
        public override void MapEndpoints(RouteGroups groups)
        {
            groups.Public.MapGet("/test/bug", string () => throw new InvalidOperationException("a bug"));
            groups.Public.MapGet("/test/empty", () => Results.BadRequest());
            groups.Public.MapGet("/test/disk-full", string () => throw new SqliteException("SQLite Error 13: 'database or disk is full'.", 13));
            groups.PublicApi.MapGet("/test-api/bug", string () => throw new InvalidOperationException("a bug in the API"));
        }
    }
}
