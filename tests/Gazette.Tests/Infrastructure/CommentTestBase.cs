using System.Net;
using Gazette.Comments;
using Gazette.Comments.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Infrastructure;

/// <summary>Posting the comment form through the real host, as a browser on the same site would.</summary>
public abstract class CommentTestBase<TProvider>(TProvider provider) : SiteTestBase<TProvider>(provider)
    where TProvider : DatabaseProvider
{
    public const string Article = "/2024/04/china-outlines-five-goals-for-antony-blinkens-visit-to-foster-us-relations/";

    protected const long SampleId = 1;

    protected CommentStore Comments => Factory.Services.GetRequiredService<CommentStore>();

    protected CommentModerator Moderator => Factory.Services.GetRequiredService<CommentModerator>();

    protected static Dictionary<string, string> Fields(string comment, string? email = null, long parent = 0, long article = SampleId, string author = "Jane Reader") => new()
    {
        ["comment_post_ID"] = article.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["comment_parent"] = parent.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["author"] = author,
        ["email"] = email ?? $"reader-{Guid.NewGuid():N}@example.org",
        ["url"] = "",
        ["comment"] = comment,
    };

    protected async Task<HttpResponseMessage> PostCommentAsync(Dictionary<string, string> fields, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/comments/") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        configure?.Invoke(request);
        return await Client.SendAsync(request);
    }

    /// <summary>Posts a comment and approves it as a moderator would; returns its id.</summary>
    protected async Task<long> ApprovedCommentAsync(string text, string? email = null, long parent = 0)
    {
        using var response = await PostCommentAsync(Fields(text, email, parent));
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var id = CommentIdOf(response);
        await Moderator.SetStatusAsync(id, CommentStatus.Approved, Gazette.Events.AuditActor.CommandLine);
        return id;
    }

    protected static long CommentIdOf(HttpResponseMessage response)
    {
        var location = response.Headers.Location!.OriginalString;
        return long.Parse(location[(location.LastIndexOf("#comment-", StringComparison.Ordinal) + "#comment-".Length)..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
