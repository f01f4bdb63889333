using System.Net;
using Gazette.Comments.Contracts;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Web;

/// <summary>
/// The cross-site guard of the anonymous forms, case by case, on the comment form
/// and the report endpoint alike. The test server is http://localhost, so a
/// foreign origin on the same scheme (or the same host on another port) is
/// refused only by the host comparison, not by the scheme alone.
/// </summary>
public abstract class CrossSiteGuardTests<TProvider>(TProvider provider) : CommentTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    [Theory]
    [MemberData(nameof(CrossSiteCases.All), MemberType = typeof(CrossSiteCases))]
    public async Task TheCommentFormIsGuarded(string name, string header, string value, bool allowed)
    {
        var text = $"Guarded comment ({name}) {Guid.NewGuid():N}";
        var before = (await Comments.ListQueueAsync(null, 1000)).Count;

        using var response = await PostCommentAsync(Fields(text), request => Present(request, header, value));

        var stored = (await Comments.ListQueueAsync(null, 1000)).Where(comment => comment.BodySource == text).ToList();
        if (allowed)
        {
            Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
            Assert.Single(stored);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("sent from another site", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Empty(stored);
            Assert.Equal(before, (await Comments.ListQueueAsync(null, 1000)).Count);
        }
    }

    [Theory]
    [MemberData(nameof(CrossSiteCases.All), MemberType = typeof(CrossSiteCases))]
    public async Task TheReportEndpointIsGuarded(string name, string header, string value, bool allowed)
    {
        var id = await ApprovedCommentAsync($"Reportable ({name}) {Guid.NewGuid():N}");

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/comments/{id}/report");
        Present(request, header, value);
        using var response = await Client.SendAsync(request);

        var reports = (await Comments.ListQueueAsync(null, 1000)).Single(comment => comment.Id == id).ReportCount;
        Assert.Equal(allowed ? HttpStatusCode.OK : HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(allowed ? 1 : 0, reports);
    }

    private static void Present(HttpRequestMessage request, string header, string value)
    {
        request.Headers.Remove("Sec-Fetch-Site");
        if (header.Length > 0)
        {
            request.Headers.TryAddWithoutValidation(header, value);
        }
    }
}

public static class CrossSiteCases
{
    /// <summary>Header name and value ("" for none of either), and whether the guard lets the write through.</summary>
    public static TheoryData<string, string, string, bool> All() => new()
    {
        { "another host on the same scheme", "Origin", "http://evil.example", false },
        { "another host on another scheme", "Origin", "https://evil.example", false },
        { "this host on another port", "Origin", "http://localhost:8080", false },
        { "this host on another scheme", "Origin", "https://localhost", false },
        { "a subdomain of this host", "Origin", "http://evil.localhost", false },
        { "an opaque origin", "Origin", "null", false },
        { "this very origin", "Origin", "http://localhost", true },
        { "this very origin in capitals", "Origin", "HTTP://LOCALHOST", true },
        { "Sec-Fetch-Site cross-site", "Sec-Fetch-Site", "cross-site", false },
        { "Sec-Fetch-Site same-site", "Sec-Fetch-Site", "same-site", false },
        { "Sec-Fetch-Site same-origin", "Sec-Fetch-Site", "same-origin", true },
        { "Sec-Fetch-Site none (typed or bookmarked)", "Sec-Fetch-Site", "none", true },
        { "neither header (curl, old browsers)", "", "", true },
    };
}

public sealed class CrossSiteGuardTestsOnSqlite(SqliteProvider provider) : CrossSiteGuardTests<SqliteProvider>(provider);

public sealed class CrossSiteGuardTestsOnPostgres(PostgresProvider provider) : CrossSiteGuardTests<PostgresProvider>(provider);
