using System.Net;
using Gazette.Comments;
using Gazette.Comments.Contracts;
using Gazette.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Comments;

/// <summary>
/// What the site does with the reader's address, in-process on both databases:
/// flood control by address, moderation and disallowed keys that are addresses
/// or ranges, and the address erased after the retention period.
/// </summary>
public abstract class ClientAddressTests<TProvider>(TProvider provider) : CommentTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Gazette:Discussion:RequirePriorApproval"] = "false";
        settings["Gazette:Discussion:ModerationKeys:0"] = "198.51.100.7";
        settings["Gazette:Discussion:ModerationKeys:1"] = "192.0.2.0/24";
        settings["Gazette:Discussion:DisallowedKeys:0"] = "203.0.113.0/25";
        settings["Gazette:Discussion:DisallowedKeys:1"] = "2001:db8:bad::/48";
    }

    [Fact]
    public async Task TwoCommentsFromOneAddressWithin15SecondsAreAFloodWhateverTheEmail()
    {
        Factory.ClientAddress = IPAddress.Parse("198.51.100.20");

        using var first = await PostCommentAsync(Fields("First from this address", email: "one@example.org"));
        using var sameAddress = await PostCommentAsync(Fields("Second from this address", email: "two@example.org"));
        using var otherAddress = await PostCommentAsync(Fields("From the reader next door", email: "three@example.org"),
            request => request.Headers.Add(GazetteFactory.ClientAddressHeader, "198.51.100.21"));
        Factory.Clock.Advance(TimeSpan.FromSeconds(15));
        using var later = await PostCommentAsync(Fields("Third from this address, later", email: "four@example.org"));

        Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, sameAddress.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(15), sameAddress.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.SeeOther, otherAddress.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, later.StatusCode);
    }

    [Theory]
    [InlineData("198.51.100.7", CommentStatus.Pending)]
    [InlineData("192.0.2.200", CommentStatus.Pending)]
    [InlineData("203.0.113.5", CommentStatus.Spam)]
    [InlineData("2001:db8:bad::1", CommentStatus.Spam)]
    [InlineData("203.0.113.200", CommentStatus.Approved)]
    [InlineData("192.0.3.1", CommentStatus.Approved)]
    [InlineData("2001:db8:900d::1", CommentStatus.Approved)]
    public async Task AddressesAndRangesInTheListsHoldOrRefuseAComment(string address, string expected)
    {
        Factory.ClientAddress = IPAddress.Parse(address);

        using var response = await PostCommentAsync(Fields($"An opinion {Guid.NewGuid():N}"));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal(expected, (await Comments.FindAsync(CommentIdOf(response)))!.Status);
    }

    [Fact]
    public async Task TheAddressIsErasedAfter30DaysAndTheCommentStays()
    {
        Factory.ClientAddress = IPAddress.Parse("198.51.100.99");
        using var posted = await PostCommentAsync(Fields("A remark to outlive its address"), request => request.Headers.UserAgent.ParseAdd("TestBrowser/2.0"));
        var id = CommentIdOf(posted);
        var job = Factory.Services.GetServices<Gazette.Jobs.IPeriodicJob>().OfType<PersonalDataRetentionJob>().Single();

        Factory.Clock.Advance(TimeSpan.FromDays(29));
        await job.RunAsync(CancellationToken.None);
        Assert.Equal(("198.51.100.99", "TestBrowser/2.0"), await PersonalDataOfAsync(id));

        Factory.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
        await job.RunAsync(CancellationToken.None);

        Assert.Equal((null, null), await PersonalDataOfAsync(id));
        var kept = await Comments.FindAsync(id);
        Assert.NotNull(kept);
        Assert.Equal(CommentStatus.Approved, kept.Status);
        Assert.Contains("A remark to outlive its address", kept.BodyHtml, StringComparison.Ordinal);
    }

    private async Task<(string? Ip, string? UserAgent)> PersonalDataOfAsync(long id)
    {
        await using var database = Gazette.Storage.Database.Create(Gazette.Storage.DatabaseUrl.Parse(Provider.Setting));
        await using var connection = await database.OpenAsync();
        return await Dapper.SqlMapper.QuerySingleAsync<(string?, string?)>(connection, "select ip, user_agent from comments where id = @id", new { id });
    }
}

public sealed class ClientAddressTestsOnSqlite(SqliteProvider provider) : ClientAddressTests<SqliteProvider>(provider);

public sealed class ClientAddressTestsOnPostgres(PostgresProvider provider) : ClientAddressTests<PostgresProvider>(provider);
